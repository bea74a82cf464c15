"""Release writers: records, Parquet tables, schema, card, changelog, manifest and index.

Import the writer you need from its module (``release.writer``, ``release.index``): the
package imports nothing, so a module that needs one table layout does not load them all.
"""
