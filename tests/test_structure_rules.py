"""Every page-structure rule has a name and an example that proves it.

Chrome rules (``parse/data/chrome.tsv``) and stance rules (``parse/data/stance.tsv``)
each get a line they must match and the tests fail when a rule has no example; byline
shapes, list/heading decisions and title choice get one case per shape.
"""

from __future__ import annotations

import pytest

from adhd_corpus.errors import ParseError
from adhd_corpus.models import Article, Source
from adhd_corpus.parse import parse_article
from adhd_corpus.parse.article import line_kinds
from adhd_corpus.parse.chrome import chrome_rule, read_rules, rules
from adhd_corpus.parse.claims import non_claim_reason
from adhd_corpus.parse.gate import is_about_health
from adhd_corpus.parse.people import is_disclaimer, names_team, parse_bylines, parse_name_line
from adhd_corpus.parse.stance import frame_of, is_bare_label, line_label
from adhd_corpus.parse.stance import rules as stance_rules

CHROME_EXAMPLES = {
    "top-of-page": "top of page",
    "skip-link": "Skip to main content",
    "site-menu": "My account",
    "related-heading": "More From Health",
    "footer-links": "Terms of use | Privacy policy | Contact us",
    "listen-widget": "Listen to this article",
    "text-size": "Font size: A A A",
    "tag-line": "Tags: ADHD, nutrition, supplements",
    "related-link": "Related: Diet and ADHD",
    "newsletter": "Sign up for our newsletter",
    "logo": "Brightpath Health logo",
    "stock-agency": "Hero Images / Getty Images",
    "credit-label": "Photo by Kim Lee",
    "copyright": "© 2024 Brightpath Health Ltd",
    "arrow-trail": "Home > Health > ADHD",
    "slash-trail": "Home / Conditions / ADHD / Treatment",
    "reading-time-label": "Reading Time: 4 minutes",
    "minutes-read": "6 min read",
    "share-bar": "Share this: Facebook · X · LinkedIn",
    "social-follow": "Follow us on Instagram",
    "cookie-banner": "This site uses cookies. By continuing you accept our cookie policy.",
    "cookie-heading": "Cookies on our website",
    "comments": "Leave a comment",
    "feedback-widget": "Was this page helpful? Yes / No",
    "review-badge": "✓ Fact checked",
    "dated": "Updated on March 4, 2024 | 5 min read",
    "contact-label": "Tel: 020 7946 0000",
    "email-address": "Have a question for our experts? Email ask@health-answers.example",
    "phone-only": "+44 20 7946 0000",
    "uk-postcode": "12 Mill Road, Cambridge CB1 2AB",
    "us-address": "200 Main Street, Springfield, IL 62701",
    "place-country": "Wellspring Clinic · Manchester, United Kingdom",
    "registration": "Registered charity number 1234567",
    "x-twitter": "X (formerly Twitter)",
    "republish": "Republish this story",
    "creative-commons": "This article is published under a Creative Commons BY-ND licence.",
    "media-contact-block": "Press enquiries",
    "journal-field": "Method of Research",
    "partners-field": "Partners",
    "download": "Download this leaflet (PDF, 1.2 MB)",
    "call-to-action": "Book your consultation today",
    "price-offer": "Start your plan today. Appointments from $35 per visit.",
    "cta-tagline": "Free consultation | Cancel anytime",
    "document-reference": "Leaflet code: PIL-0457",
    "version-line": "Edition 2, printed June 2023. Next review due June 2026.",
    "survey-prompt": "Could you spare two minutes to answer some questions?",
    "product-reviews": "Product reviews (38)",
    "star-rating": "Rated 4.7/5 (1,203 reviews)",
    "shop-furniture": "Next-day delivery when you order before 2pm",
    "form-placeholder": "Search by town, city or postcode",
    "ask-our-staff": "Chat with our nurses online",
    "chat-or-call": "Talk online or ring 0300 555 0199 (weekdays)",
    "contact-heading": "Get in touch",
    "another-format": "If you would like this leaflet in a different language or format:",
    "formats-available": "This booklet is also available in braille and audio on request.",
    "building-location": "Eye Clinic, Ground Floor, Block C, Riverside Infirmary",
    "qr-code": "Use your phone's camera to scan the code for a printable diary.",
    "shop-box": "Shop the look",
    "price-at-shop": "$12.50 at Corner Drugstore",
    "affiliate-disclosure": "This post contains affiliate links: we earn a small fee when you buy.",
    "page-number": "Page 4 of 12",
    "document-approval": "Ratified by: Clinical Governance Committee",
    "document-version": "Issue number: 3.1",
    "document-date": "Publication date: 03/2025",
    "booking-block": "Select your preferred location",
    "availability": "Same-day appointments available at our Leeds practice",
    "members-offer": "Policyholders: claim a free physiotherapy session through the app.",
    "fees-block": "Physiotherapy prices",
    "price-foot": "from £95 per session",
    "charged-separately": "Scans and dressings are billed separately.",
    "finance-offer": "Pay monthly with interest-free finance. T&Cs apply.",
    "insurers-accepted": "We accept most major insurers, including Cigna and WPA.",
    "team-heading": "Meet our physiotherapists",
    "profile-foot": "Read full bio",
    "inbox-pitch": "Fresh recipes straight to your inbox",
    "form-field": "Date of birth*",
    "rating-words": "4.7 stars from 2,000 reviews",
    "testimonial-heading": "Patient stories",
    "testimonial-foot": "— Marcus, Croydon",
    "opening-hours": "Clinic hours: Mon–Sat 9am to 6pm",
    "regulator": "Brightwell Cover is authorised and regulated by the Financial Conduct Authority.",
    "registered-office": "Registered in England and Wales, company number 01234567.",
    "contents-block": "In this article",
    "link-line": "Learn more about hearing tests for babies",
    "footer-row": "Sitemap | Complaints | Modern slavery statement | Help",
    "subscribe-offer": "Join for just $2 a month",
    "call-sentence": "To change your slot, ring the surgery on 0114 496 0321 between 9am and noon.",
    "live-block": "Live updates",
    "timed-headline": "10.45am Minister to announce dental funding",
    "live-link": "See all the live updates",
    "comment-field": "anna_k · 3 days ago",
    "language-switch": "Cymraeg | English",
    "publisher-line": "Published by: Northfield Health Protection Agency",
    "licence-line": "Text on this site is licensed under a CC BY 4.0 licence unless noted",
    "posted-in": "Filed under Skin care | 12 March 2025",
    "media-caption": "Watch: how to use a spacer with an inhaler (2:45)",
    "download-foot": "Asthma action plan [Word, 64 KB]",
    "service-price": "Follow-up session: 30 mins, £40",
    "opening-days": "Sat 9am to 12pm, Sun closed",
    "promotion-code": "Enter code SPRING10 at checkout for 10% off",
    "welcome-banner": "Now accepting new NHS patients | Evening clinics",
    "price-from": "Teeth whitening from £250",
    "call-line": "Out-of-hours advice: phone 0300 555 0199",
    "not-advice": "The information on this website is not a diagnosis; see a pharmacist.",
    "supplement-statement": "Food supplements must not replace a balanced diet.",
    "testimonial-signed": '"Friendly staff and no waiting around." Priya, Bristol',
    "price-basket-foot": "£8.49 · Add to cart",
    "pipe-menu": "Vitamins | Minerals | Offers | Our story",
}

NOT_CHROME = [
    # Near misses of the 1.8.0 rules: body sentences shaped like the chrome they resemble.
    "Most children are seen by a physiotherapist from the Community Health Service.",
    "Was this treatment useful for you? Ask your doctor whether to continue.",
    "The medicine is licensed under strict conditions for children over six.",
    "Symptoms are often posted in online forums, but a GP should confirm them.",
    "Watch for these signs: a fever, a rash and a stiff neck.",
    "In the trial, a course of eight sessions cost £400 and took 45 minutes a week.",
    "Take one tablet on Mon, Wed and Fri unless your doctor says otherwise.",
    "Spanish and English speakers were recruited from two clinics.",
    "Published by the Department of Health in 2019, the review found no such link.",
    "Shopping for Healthy Snacks With ADHD",
    "Donating Blood and ADHD Medication",
    "Dopamine helps regulate attention and reward.",
    "Location of the Prefrontal Cortex",
    "Phone Use and Sleep in Teenagers with ADHD",
    "How ADHD Is Diagnosed",
    "Home Remedies for ADHD: What the Evidence Says",
    "Reviewed by",
    "Medically reviewed by Anita Desai, MD",
    "Print and Digital Reading Habits in ADHD",
    "In 1980, the diagnostic manual described attention deficit disorder.",
    "Downloading Apps That Track Medication Doses",
    "Starting Your Child on Stimulant Medicine",
    "Prescription charges cost £9.90 per item in England.",
    "Takes effect within an hour",
    "Version 5 of the diagnostic manual was published in 2013 and changed the age of onset.",
    "Speak to a GP if the cough lasts more than three weeks",
    "Ratings of Inattention by Parents and Teachers",
    "Reviews of Stimulant Trials in Adults",
    "Delivery of Medicines Through the Skin",
    "Taking Part in a Clinical Trial Survey",
    "Call 999 if someone has chest pain.",
    "Contact your GP if the rash spreads.",
    "If you need help with the cost of prescriptions, ask at the pharmacy.",
    "The ward is on level 5 of the hospital, next to the lifts.",
    "A CT scan takes about ten minutes.",
    "Shopping for Allergy-Friendly Bedding",
    "A pack of 30 tablets costs £4.99 at most pharmacies.",
    "The European Commission approved the vaccine in 2021.",
    "Pages of Research Behind One Simple Rule",
    "Approved by the regulator in 2019, the drug is now widely used.",
    "Version 2 of the questionnaire added questions about sleep.",
    "Published research on antihistamines in children is limited.",
    "Enter the room quietly and let the child settle.",
    "Choosing a Clinic for Your Child's Eczema",
    "Appointments with a specialist can take months to arrange.",
    "Members of the public can ask a pharmacist for advice.",
    "Side effects and prices of new migraine drugs",
    "Most private clinics are registered with the Care Quality Commission, which inspects them.",
    "Registered dietitians can advise on food allergies.",
    "Excellent sleep habits help teenagers with ADHD.",
    "Rated as one of the safest treatments, emollients suit most skin types.",
    "What parents say about bedtime routines matters less than what they do.",
    "Opening the windows at night can help with hot flushes.",
    "Your name may be called when the doctor is ready.",
    "Steroid creams are charged at the standard prescription rate.",
    "Our skin renews itself roughly every month.",
    # Near misses of the 1.9.0 rules.
    "Taking the tablets with food takes 20% off the peak level in the blood.",
    "Patients were welcome to bring a relative to the first appointment.",
    "Prescriptions cost from £9.90 per item in England.",
    "If a child stops breathing: call 999 at once.",
    "A home blood-pressure reading does not replace an examination, but it helps.",
    "Supplements should not be given to babies unless a doctor advises them.",
    "Supplements are often used by older people who eat less.",
    '"Take it slowly," says Dr Malik, a dentist in Leeds.',
    "Dose | 2 puffs | twice a day",
]


SHOP_AND_FOOTER_CHROME = [
    # Each 1.8.0 class in other wordings than its example.
    ("Español", "navigation"),
    ("Other languages", "navigation"),
    ("From: Department of Public Health", "back matter"),
    ("Produced by the Eastfield Sexual Health Service", "back matter"),
    ("By: Riverside Community Pharmacy Network", "back matter"),
    ("Is this article helpful? Yes No", "feedback"),
    ("Did you find what you were looking for?", "feedback"),
    ("Report an issue with this page", "feedback"),
    ("Was this page useful?", "feedback"),
    (
        "You may reuse this information free of charge under the Open Government Licence.",
        "copyright",
    ),
    ("Posted in Children's health · 3 June 2025", "date line"),
    ("Video: what a peak flow meter measures (0:58)", "navigation"),
    ("Audio: a nurse explains patch testing (3 mins)", "navigation"),
    ("Download the school leaflet (PDF, 300 KB)", "navigation"),
    ("Clinic form (docx, 1.1 MB)", "navigation"),
    ("Screening guidance (PDF, 245 KB, 12 pages)", "navigation"),
    ("Easy read version [2 MB PDF]", "navigation"),
    ("Sports massage: 60 minutes, £65", "navigation"),
    ("Initial consultation – £75 (45 mins)", "navigation"),
    ("Mon-Thu 8.30am-6pm, Fri 8.30am-4pm", "location or contact"),
    ("Tues & Thurs 9am to 1pm", "location or contact"),
    ("Wednesday: 08:00 - 18:00", "location or contact"),
    ("Saturday and Sunday closed", "location or contact"),
    ("My basket (2)", "navigation"),
    ("Cart (0)", "navigation"),
    ("Customers also bought", "navigation"),
    ("Other NHS websites", "navigation"),
    ("Take our 3-minute survey", "feedback"),
    ("★★★★★", "feedback"),
    ("Add to basket", "navigation"),
    ("Enter your postcode", "navigation"),
    ("Type your email address", "navigation"),
    ("Enter your first name", "navigation"),
    ("Boots: £7.49", "navigation"),
    ("Read next", "navigation"),
    ("More like this", "navigation"),
    ("Approved by: Medicines Safety Group", "back matter"),
    ("Version: 4", "back matter"),
    ("3 of 8", "back matter"),
    ("Date published: 12 May 2023", "date line"),
    ("Next review: January 2026", "date line"),
    ("Contact us", "location or contact"),
    ("We may earn a commission if you buy something through links on this page.", "disclaimer"),
    ("Book now", "navigation"),
    ("Get a free quote", "navigation"),
    ("Sign in to manage your booking", "navigation"),
    ("Check availability", "navigation"),
    ("Choose a date and time", "navigation"),
    ("Appointments available tomorrow", "navigation"),
    ("£60", "navigation"),
    ("$120 per visit", "navigation"),
    ("Prices for hearing tests", "navigation"),
    ("Blood tests are not included in the consultation fee.", "navigation"),
    ("Spread the cost over 12 months. Terms and conditions apply.", "navigation"),
    ("We are recognised by all major health insurers.", "navigation"),
    ("View profile", "navigation"),
    ("Get weekly tips from our nurses.", "navigation"),
    ("Email address", "navigation"),
    ("First name", "navigation"),
    ("Postcode", "navigation"),
    ("Rated 4.8 out of 5", "feedback"),
    ("Excellent on Trustpilot", "feedback"),
    ("What our clients say", "feedback"),
    ("Testimonials", "feedback"),
    ("Opening times: weekdays 8.30am to 6pm", "location or contact"),
    (
        "The practice is registered with the Care Quality Commission (provider ID 1-234).",
        "location or contact",
    ),
    ("Registered office: 4 Mill Lane, York YO1 7AA.", "location or contact"),
    ("About us | Privacy notice | Cookie policy", "navigation"),
    ("Cookie settings", "cookie notice"),
]


@pytest.mark.parametrize(("line", "reason"), SHOP_AND_FOOTER_CHROME)
def test_shop_and_footer_furniture(line: str, reason: str) -> None:
    rule = chrome_rule(line)
    assert rule is not None and rule.reason == reason


def test_every_chrome_rule_has_an_example() -> None:
    assert sorted(rule.name for rule in rules()) == sorted(CHROME_EXAMPLES)


@pytest.mark.parametrize("name", sorted(CHROME_EXAMPLES))
def test_chrome_rule_matches_its_example(name: str) -> None:
    rule = chrome_rule(CHROME_EXAMPLES[name])
    assert rule is not None and rule.name == name


@pytest.mark.parametrize(
    "line",
    [
        "Food supplements are not intended to replace a varied diet.",
        "Supplements cannot replace a balanced diet and a healthy lifestyle.",
        "Food supplements should not be used as a substitute for a normal diet.",
    ],
)
def test_the_food_supplement_statement_in_its_wordings(line: str) -> None:
    rule = chrome_rule(line)
    assert rule is not None and rule.name == "supplement-statement"


@pytest.mark.parametrize("line", NOT_CHROME)
def test_article_lines_are_not_chrome(line: str) -> None:
    assert chrome_rule(line) is None


def test_chrome_rules_file_needs_its_header() -> None:
    with pytest.raises(ValueError, match="header"):
        read_rules("reason\tpattern\nlogo\tlogo\n")


def test_long_lines_are_never_chrome() -> None:
    assert chrome_rule("Share " * 60) is None


STANCE_EXAMPLES = {
    "myth-label": ("Myth 2: ADHD is not a real disorder", "myth"),
    "fact-label": ("Fact: ADHD is highly heritable.", "asserted"),
    "question-label": ("Q: Can adults have ADHD?", "question"),
    "answer-label": ("A: Yes, ADHD often persists into adulthood.", "asserted"),
    "misconception-that": ("It is a common misconception that ADHD is rare.", "misconception"),
    "misconception-is-that": ("A persistent myth is that sugar causes ADHD.", "misconception"),
    "some-people-believe": (
        "Some employers assume that adults with ADHD are unreliable.",
        "reported",
    ),
    "critics-claim": ("Critics of stimulant treatment argue that it is overused.", "reported"),
    "it-is-said": ("It is often said that ADHD is a modern invention.", "reported"),
    "belief-is-that": ("A common belief is that children outgrow ADHD.", "reported"),
    "people-used-to-believe": ("Doctors once believed that ADHD ended in childhood.", "reported"),
    "are-often-told": ("Teenagers are often told that acne comes from chocolate.", "reported"),
}


def test_every_stance_rule_has_an_example() -> None:
    assert sorted(rule.name for rule in stance_rules()) == sorted(STANCE_EXAMPLES)


@pytest.mark.parametrize("name", sorted(STANCE_EXAMPLES))
def test_stance_rule_frames_its_example(name: str) -> None:
    sentence, frame = STANCE_EXAMPLES[name]
    rule = next(rule for rule in stance_rules() if rule.name == name)
    assert rule.pattern.match(sentence) and rule.frame == frame
    label = line_label(sentence)
    found = label[1] if label is not None else frame_of(sentence)
    assert found == frame


@pytest.mark.parametrize(
    "sentence",
    [
        "Contrary to popular belief, stimulants do not sedate children.",
        "Some studies suggest that dopamine signalling is altered in ADHD.",
        "Many studies claim benefits for omega-3 supplements.",
        "A racing heartbeat",
        "Factual recall is not affected.",
    ],
)
def test_own_statements_are_asserted(sentence: str) -> None:
    assert line_label(sentence) is None
    assert frame_of(sentence) == "asserted"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Medically reviewed by Anita Desai, MD", [("Anita Desai", "reviewer", ["MD"])]),
        (
            "Medically Reviewed by Jo Ellis, MSN, PMHNP-BC",
            [("Jo Ellis", "reviewer", ["MSN", "PMHNP-BC"])],
        ),
        ("Reviewed by Dr. Omar Khalid", [("Omar Khalid", "reviewer", [])]),
        ("Fact checked by Hannah Cole", [("Hannah Cole", "fact_checker", [])]),
        ("Fact-checked by Hannah Cole", [("Hannah Cole", "fact_checker", [])]),
        ("Edited by Priya Nair", [("Priya Nair", "editor", [])]),
        ("Written by: Marcus Webb, PhD", [("Marcus Webb", "author", ["PhD"])]),
        ("Author: Rachel Kim, PharmD", [("Rachel Kim", "author", ["PharmD"])]),
        ("Medical reviewer: Dr. Omar Khalid", [("Omar Khalid", "reviewer", [])]),
        ("By Laura Benitez | Updated on March 4, 2024", [("Laura Benitez", "author", [])]),
        ("Owen Price, M.A., author for Example Health", [("Owen Price", "author", ["MA"])]),
        (
            "The article was medically reviewed by Dr. Samira Haddad, FRCS, a urologist.",
            [("Samira Haddad", "reviewer", ["FRCS"])],
        ),
        (
            "Reviewed by Ann Lee, MD, written by Bo Kim",
            [("Ann Lee", "reviewer", ["MD"]), ("Bo Kim", "author", [])],
        ),
        (
            "Written by Nadia Brooks, MA | Medically reviewed by Dr. Kevin Osei, MBChB",
            [("Nadia Brooks", "author", ["MA"]), ("Kevin Osei", "reviewer", ["MBChB"])],
        ),
        (
            "Answered by Dr. Paul Mendez, MD, psychiatrist",
            [("Paul Mendez", "author", ["MD"])],
        ),
        ("Posted on 18 November 2023 by Grace Holt", [("Grace Holt", "author", [])]),
        (
            "This page was written by our editorial team and reviewed by Dr. Lucy Hart, GP.",
            [("Lucy Hart", "reviewer", ["GP"])],
        ),
        (
            "This article was written by Ann Lee and medically reviewed by Bo Kim, MD.",
            [("Ann Lee", "author", []), ("Bo Kim", "reviewer", ["MD"])],
        ),
        (
            "Written by Communications Staff | Reviewed by Dr. Ellen Park, Pediatric Psychiatry",
            [("Ellen Park", "reviewer", [])],
        ),
        # no "by": a name (job title, credentials) then page metadata
        (
            "Sam Rivera, ADHD coach | 9 min read | Updated Jan 5, 2025",
            [("Sam Rivera", "author", [])],
        ),
        ("Dr. Ann Lee, MD · 5 min read", [("Ann Lee", "author", ["MD"])]),
        ("Understanding ADHD | 5 min read", []),
        ("Sam Rivera, ADHD coach | Share this article", []),
        ("By 1980, the manual described attention deficit disorder.", []),
        ("By the age of seven, most children with ADHD show symptoms.", []),
        ("Written by hand, the notes were hard to read.", []),
    ],
)
def test_byline_shapes(line: str, expected: list[tuple[str, str, list[str]]]) -> None:
    found = [(n.name, role, n.credentials) for n, role in parse_bylines(line)]
    assert found == expected


def test_dotted_and_hyphenated_credentials() -> None:
    name = parse_name_line("Jordan Ellis, D.N.P., FNP-BC")
    assert name is not None and name.credentials == ["DNP", "FNP-BC"]


@pytest.mark.parametrize(
    ("texts", "kinds"),
    [
        # list-after-colon: the short lines after "...:" are items
        (
            ["Symptoms include:", "Trouble focusing", "Restlessness", "Doctors assess them."],
            ["body", "item", "item", "body"],
        ),
        # list-then-heading: the last line stands out (title case) and a paragraph follows
        (
            [
                "Side effects include:",
                "Poor appetite",
                "Trouble sleeping",
                "Non-Stimulant Options",
                "Text.",
            ],
            ["body", "item", "item", "heading", "body"],
        ),
        # colon-then-subheading: one short line between "...:" and a paragraph is a subheading
        (
            ["Here is what imaging shows:", "Poor Attention and Focus", "Dopamine is lower."],
            ["body", "heading", "body"],
        ),
        # parallel-run: a run of three or more short lines is a heading and its items
        (
            [
                "Signs a dose is too high",
                "Feeling jittery",
                "Irritability",
                "A racing heart",
                "Text.",
            ],
            ["heading", "item", "item", "item", "body"],
        ),
        # list-then-question: the last line opens like a question ("Why ...") and stands out
        (
            ["Common signs", "Running late", "Losing hours", "Why it happens", "Text."],
            ["heading", "item", "item", "heading", "body"],
        ),
        # heading-pair: two short lines in a row stay a heading and a subheading
        (["Causes", "Genetics", "Twin studies show heritability."], ["heading", "heading", "body"]),
        # question-heading split: a fact box, then a question heading over a table of values
        (
            [
                "At a glance",
                "Form",
                "Chewable tablet",
                "What to give and when",
                "Age",
                "Amount",
                "2 to 5 years",
                "5 ml",
                "6 to 11 years",
                "10 ml",
                "Text.",
            ],
            ["heading", "item", "item", "heading", *["cell"] * 6, "body"],
        ),
        # not a table: many short lines under a heading but no values among them
        (
            [
                "Foods that contain iron",
                "Red meat",
                "Beans and lentils",
                "Dried apricots",
                "Fortified cereals",
                "Tofu",
                "Dark green leaves",
                "Text.",
            ],
            ["heading", *["item"] * 6, "body"],
        ),
    ],
)
def test_lists_and_headings(texts: list[str], kinds: list[str]) -> None:
    assert line_kinds(texts, [False] * len(texts)) == kinds


SRC = Source(path="x.txt", sha256="0" * 64, bytes=0)


def test_title_skips_chrome_and_a_label_above_it() -> None:
    text = (
        "top of page\nHome > ADHD\nClinical Resource\nHow Stimulants Work in ADHD\n"
        "Methylphenidate raises dopamine in ADHD.\n"
    )
    article = parse_article(text, source=SRC)
    assert article.title == "How Stimulants Work in ADHD"
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("top of page", "navigation"),
        ("Home > ADHD", "breadcrumb"),
        ("Clinical Resource", "label above the title"),
    ]


def test_a_short_title_alone_is_still_the_title() -> None:
    article = parse_article("ADHD\n\nDopamine may affect focus in ADHD.", source=SRC)
    assert article.title == "ADHD" and article.dropped == []


def test_no_title_only_when_no_line_can_be_one() -> None:
    with pytest.raises(ParseError, match="no title"):
        parse_article("Dopamine may affect focus in ADHD.\nMore text here.", source=SRC)


def test_myth_line_is_a_heading_and_a_claim_not_asserted() -> None:
    article = parse_article(
        "ADHD Myths and Facts\nMyth 2: ADHD is not a real disorder\n"
        "Fact: ADHD is a neurodevelopmental disorder.\n",
        source=SRC,
    )
    assert [s.heading for s in article.sections] == ["Myth 2: ADHD is not a real disorder"]
    myth, fact = article.claims
    assert (myth.text, myth.asserted, myth.frame, myth.negated) == (
        "ADHD is not a real disorder",
        False,
        "myth",
        True,
    )
    assert (fact.text, fact.asserted, fact.frame) == (
        "ADHD is a neurodevelopmental disorder.",
        True,
        "asserted",
    )


def test_quoted_and_historical_people_are_not_people() -> None:
    article = parse_article(
        "A History of ADHD\nIn 1902, Sir George Still described children with poor attention.\n"
        '"Stimulants help many patients," says Dr. Russell Barkley, a psychologist.\n'
        "By 1980, the manual described attention deficit disorder.\n",
        source=SRC,
    )
    assert article.people == []


def test_a_title_case_heading_above_a_definition_is_not_a_person() -> None:
    article = parse_article(
        "How Dopamine Works\nDopamine Basics\nDopamine is a neurotransmitter in the brain.\n"
        "Reward Pathways\nThe striatum responds to dopamine.\n",
        source=SRC,
    )
    assert article.people == []
    assert [s.heading for s in article.sections] == ["Dopamine Basics", "Reward Pathways"]


def test_a_name_line_with_a_bio_under_it_is_an_author() -> None:
    article = parse_article(
        "How Dopamine Works\nDopamine is a neurotransmitter in the brain.\n"
        "Kim Lee, PhD\nDr. Lee is a neuroscientist who studies reward.\n",
        source=SRC,
    )
    assert [(p.name, p.role, p.credentials, p.bio) for p in article.people] == [
        ("Kim Lee", "author", ["PhD"], "Dr. Lee is a neuroscientist who studies reward.")
    ]


def test_a_reference_list_is_dropped_not_body() -> None:
    article = parse_article(
        "How Dopamine Works\nDopamine is a neurotransmitter in the brain.\nSources\n"
        "Lee K. Dopamine and attention in ADHD. J Neurosci. 2020;40:1-9.\n"
        "Reviewed by Ann Lee, MD\n",
        source=SRC,
    )
    assert [c.text for c in article.claims] == ["Dopamine is a neurotransmitter in the brain."]
    assert [(d.text[:7], d.reason) for d in article.dropped or []] == [
        ("Sources", "references"),
        ("Lee K. ", "references"),
    ]
    assert [(p.name, p.role) for p in article.people] == [("Ann Lee", "reviewer")]


def test_the_line_above_a_byline_is_the_title_not_the_site_name_above_it() -> None:
    article = parse_article(
        "Brightside Kids Health\nWhy Children With ADHD Struggle to Sleep\n"
        "Written by Tom Ashby\nMany children with ADHD sleep poorly.\n",
        source=SRC,
    )
    assert article.title == "Why Children With ADHD Struggle to Sleep"
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Brightside Kids Health", "label above the title")
    ]


def test_a_title_case_practice_name_above_a_sentence_case_headline_is_not_the_title() -> None:
    article = parse_article(
        "Harbourside Family Dentists\nContact us: ring 01234 567 890\nServices\nPrices\n"
        "Sensitive teeth: why cold drinks hurt and what helps\n"
        "Written by Dr Ruth Okafor, BDS\nEnamel wear exposes the dentine under it.\n",
        source=SRC,
    )
    assert article.title == "Sensitive teeth: why cold drinks hurt and what helps"


def test_a_headline_keeps_its_standfirst_when_a_byline_follows_both() -> None:
    article = parse_article(
        "Menu\nHow Sleep Shapes Memory in Teenagers\n"
        "New research suggests the timing matters more than the hours\n"
        "By Lena Fischer\nSleep helps the brain store new memories.\n",
        source=SRC,
    )
    assert article.title == "How Sleep Shapes Memory in Teenagers"


def test_a_promotion_above_the_headline_is_chrome_not_the_title() -> None:
    article = parse_article(
        "Spend £40 and save 10% this week\nNorthfield Botanicals\n"
        "Iron: who needs more and where to find it\n"
        "By Ada Marsh, RNutr\nIron carries oxygen in red blood cells.\n",
        source=SRC,
    )
    assert article.title == "Iron: who needs more and where to find it"
    assert ("Spend £40 and save 10% this week", "navigation") in [
        (d.text, d.reason) for d in article.dropped or []
    ]


def test_single_word_menu_items_after_a_banner_are_the_menu() -> None:
    article = parse_article(
        "Elmbank Dental Studio\nNew patients welcome\nHome\nTreatments\nFees\n"
        "Dry mouth: causes and what to do about it\n"
        "Written by Dr Paul Vance, BDS\nSaliva protects the teeth from decay.\n",
        source=SRC,
    )
    reasons = {d.text: d.reason for d in article.dropped or []}
    assert reasons["Treatments"] == reasons["Fees"] == "navigation"
    assert reasons["Elmbank Dental Studio"] == "label above the title"


def test_a_product_box_between_sections_is_dropped_whole() -> None:
    article = parse_article(
        "Why Zinc Matters\nBy Ada Marsh, RNutr\nZinc helps wounds heal.\n"
        "Everyday Zinc Tablets\n★★★★☆ 4.2 (310 reviews)\n£6.99 | Add to basket\n"
        "Zinc Deficiency\nA lack of zinc can slow growth in children.\n",
        source=SRC,
    )
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Everyday Zinc Tablets", "navigation"),
        ("★★★★☆ 4.2 (310 reviews)", "feedback"),
        ("£6.99 | Add to basket", "navigation"),
    ]
    assert [s.heading for s in article.sections] == [None, "Zinc Deficiency"]


def test_a_rating_line_alone_leaves_the_sentence_above_it_in_the_body() -> None:
    article = parse_article(
        "Why Zinc Matters\nBy Ada Marsh, RNutr\nZinc helps wounds heal.\n"
        "★★★★☆ 4.2 (310 reviews)\n£6.99 | Add to basket\n",
        source=SRC,
    )
    assert [c.text for c in article.claims] == ["Zinc helps wounds heal."]


def test_a_credential_written_in_two_words_is_one_credential() -> None:
    name = parse_name_line("Keira Doyle, Cert Ed, MSc")
    assert name is not None and name.credentials == ["Cert Ed", "MSc"]
    assert parse_name_line("Keira Doyle, Diploma") is None  # not a post-nominal


def test_a_bio_that_opens_with_a_career_verb_is_the_persons_not_a_claim() -> None:
    article = parse_article(
        "Why Gums Recede\nWritten by Dr Ian Roe, BDS\n"
        "Gums recede when the tissue around the teeth wears away.\n"
        "Dr Ian Roe graduated from Leeds in 2011. He has run the clinic since 2015.\n",
        source=SRC,
    )
    assert [c.text for c in article.claims] == [
        "Gums recede when the tissue around the teeth wears away."
    ]


def test_a_bio_at_the_foot_of_the_page_joins_the_bylined_person() -> None:
    article = parse_article(
        "How Dopamine Works\nAuthor: Rachel Kim, PharmD\n"
        "Dopamine is a neurotransmitter in the brain.\n"
        "Rachel Kim is a clinical pharmacist who writes about medicines.\n",
        source=SRC,
    )
    assert [c.text for c in article.claims] == ["Dopamine is a neurotransmitter in the brain."]
    assert [(p.name, p.bio) for p in article.people] == [
        ("Rachel Kim", "Rachel Kim is a clinical pharmacist who writes about medicines.")
    ]


def test_a_short_label_above_a_question_title_is_not_the_title() -> None:
    article = parse_article(
        "Ask the Expert\nCan Caffeine Help Adults With ADHD?\n"
        "Caffeine is a mild stimulant that blocks adenosine receptors.\n",
        source=SRC,
    )
    assert article.title == "Can Caffeine Help Adults With ADHD?"


def test_a_dek_between_title_and_byline_is_body_not_a_heading() -> None:
    article = parse_article(
        "Exercise and ADHD: How Movement Changes the Brain\n"
        "A single workout can sharpen focus for an hour, studies suggest\n"
        "By Maya Lindqvist\nPhysical activity raises dopamine in the brain.\n",
        source=SRC,
    )
    assert article.title == "Exercise and ADHD: How Movement Changes the Brain"
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [(None, 2)]


def test_headlines_under_a_related_heading_are_navigation() -> None:
    article = parse_article(
        "How Dopamine Works\nDopamine is a neurotransmitter in the brain.\n"
        "More From Health\nWhy Sleep Matters for Focus\nThe Truth About Sugar\n"
        "Dopamine also shapes learning.\n",
        source=SRC,
    )
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("More From Health", "navigation"),
        ("Why Sleep Matters for Focus", "navigation"),
        ("The Truth About Sugar", "navigation"),
    ]
    assert [c.text for c in article.claims][-1] == "Dopamine also shapes learning."


def test_a_paragraph_ending_in_a_quotation_is_not_a_heading() -> None:
    article = parse_article(
        "Living with ADHD\nJamie was diagnosed with ADHD at 34.\n"
        '"I always thought I was lazy," Jamie says. "A diagnosis changed that."\n'
        "Medication helped Jamie focus at work.\n",
        source=SRC,
    )
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [(None, 3)]


def test_a_role_label_ends_the_related_headlines() -> None:
    article = parse_article(
        "How Dopamine Works\nDopamine is a neurotransmitter in the brain.\n"
        "Read more stories\nWhy Sleep Matters for Focus\nWritten by\nPriya Menon\n"
        "Priya Menon is a health reporter.\n",
        source=SRC,
    )
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Read more stories", "navigation"),
        ("Why Sleep Matters for Focus", "navigation"),
    ]
    assert [(p.name, p.role, p.bio) for p in article.people] == [
        ("Priya Menon", "author", "Priya Menon is a health reporter.")
    ]


def test_a_three_word_title_over_a_slightly_longer_heading_stays_the_title() -> None:
    article = parse_article(
        "Dopamine and ADHD\nWhat Does Dopamine Do?\nDopamine affects focus.\n", source=SRC
    )
    assert article.title == "Dopamine and ADHD"


@pytest.mark.parametrize(
    "line",
    [
        "Reject additional cookies",
        "Manage cookie preferences",
        "Your cookie choices",
        "Comments",
        "3 comments",
        "Post a comment:",
        "Join the discussion",
    ],
)
def test_cookie_and_comment_shapes_are_chrome(line: str) -> None:
    assert chrome_rule(line) is not None


def test_an_in_page_menu_under_the_title_is_navigation_and_a_site_index_label_is_a_label() -> None:
    article = parse_article(
        "Home\nHealth A to Z\nAttention deficit hyperactivity disorder (ADHD)\n"
        "Overview\nSymptoms\nGetting diagnosed\nTreatment\n"
        "ADHD is a condition that affects attention and behaviour.\n",
        source=SRC,
    )
    assert article.title == "Attention deficit hyperactivity disorder (ADHD)"
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Home", "navigation"),
        ("Health A to Z", "label above the title"),
        ("Overview", "navigation"),
        ("Symptoms", "navigation"),
        ("Getting diagnosed", "navigation"),
        ("Treatment", "navigation"),
    ]
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [(None, 1)]


def test_a_heading_with_its_items_after_a_paragraph_is_not_a_menu() -> None:
    article = parse_article(
        "How ADHD Is Treated\nDopamine is a neurotransmitter in the brain.\n"
        "Treatments\nStimulant medicine\nBehaviour therapy\nParent training\n"
        "Most children are offered more than one.\n",
        source=SRC,
    )
    assert not article.dropped
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [
        (None, 1),
        ("Treatments", 4),
    ]


def test_an_about_label_with_a_first_name_opens_the_bio_of_the_bylined_person() -> None:
    article = parse_article(
        "Time Blindness and ADHD\nSam Rivera, ADHD coach | Updated Jan 5, 2025\n"
        "Many adults with ADHD misjudge time intervals.\nAbout Sam\n"
        "Sam Rivera is a certified ADHD coach.\nLeave a comment\n",
        source=SRC,
    )
    assert [(p.name, p.role, p.bio) for p in article.people] == [
        ("Sam Rivera", "author", "Sam Rivera is a certified ADHD coach.")
    ]
    assert [s.heading for s in article.sections] == [None]
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("About Sam", "back matter"),
        ("Leave a comment", "navigation"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Published May 2023.", "date line"),
        ("Current as of: 2 February 2025", "date line"),
        ("Accurate as of October 12, 2024", "date line"),
        ("Was this guide useful? Yes No", "feedback"),
        ("Did you find this answer helpful?", "feedback"),
        ("More Parenting Questions", "navigation"),
        ("More ADHD Stories", "navigation"),
    ],
)
def test_chrome_in_other_wordings(line: str, reason: str) -> None:
    rule = chrome_rule(line)
    assert rule is not None and rule.reason == reason


@pytest.mark.parametrize(
    "line", ["More Sleep Means Better Focus", "Published research on stimulants is mixed."]
)
def test_lines_like_those_wordings_are_not_chrome(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_disclaimer_above_the_title_is_dropped_and_the_title_found_below_it() -> None:
    article = parse_article(
        "This guide is not meant to replace the advice of a qualified clinician.\n"
        "Iron Levels and Restless Sleep in ADHD\n"
        "Low ferritin has been linked with restless sleep in some children.\n",
        source=SRC,
    )
    assert article.title == "Iron Levels and Restless Sleep in ADHD"
    assert [(d.line, d.reason) for d in article.dropped or []] == [(1, "disclaimer")]


def test_a_notice_above_the_title_is_a_label_when_it_is_not_a_disclaimer() -> None:
    article = parse_article(
        "We have moved this page to a new address.\nIron Levels and Restless Sleep\n"
        "Low ferritin has been linked with restless sleep.\n",
        source=SRC,
    )
    assert article.title == "Iron Levels and Restless Sleep"
    assert [d.reason for d in article.dropped or []] == ["label above the title"]


def test_a_short_heading_under_a_paragraph_is_no_title() -> None:
    with pytest.raises(ParseError, match="no title"):
        parse_article("Dopamine may affect focus in ADHD.\nSymptoms\nMore text.\n", source=SRC)


def test_bare_question_and_answer_labels_head_their_text() -> None:
    assert is_bare_label("Answer:") and is_bare_label("Q:") and not is_bare_label("Answers")
    article = parse_article(
        "Can Teenagers Stop Their Stimulant in Summer?\nQuestion:\n"
        "My daughter wants a break from her tablets over the holidays.\nAnswer:\n"
        "Many families take planned breaks, and for some children this works well.\n"
        "Stopping suddenly can bring back symptoms within a day or two.\n",
        source=SRC,
    )
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [
        ("Question:", 1),
        ("Answer:", 2),
    ]


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("— Dr. Priya Natarajan, child psychiatrist", ("Priya Natarajan", "Dr.", [], "author")),
        ("– Tom Becker, RN", ("Tom Becker", None, ["RN"], "author")),
        ("Medical Review: Jo Marsh, PharmD - Pharmacy", ("Jo Marsh", None, ["PharmD"], "reviewer")),
        ("Clinical Review: Dr. Ade Bello", ("Ade Bello", "Dr.", [], "reviewer")),
    ],
)
def test_signatures_and_review_labels_are_bylines(
    line: str, who: tuple[str, str | None, list[str], str]
) -> None:
    [(name, role)] = parse_bylines(line)
    assert (name.name, name.honorific, name.credentials, role) == who


@pytest.mark.parametrize("line", ["— Side Effects", "– Sleep Hygiene Tips", "— Jane Smith"])
def test_a_dash_before_a_bare_heading_or_name_is_no_signature(line: str) -> None:
    assert parse_bylines(line) == []


def test_a_byline_that_names_a_team_is_back_matter_not_a_person() -> None:
    assert names_team("Author: Brightpath Editorial Team") and not names_team("Author: Ann Lee")
    article = parse_article(
        "Iron Levels and Restless Sleep\nLow ferritin has been linked with restless sleep.\n"
        "Author: Brightpath Editorial Team\n",
        source=SRC,
    )
    assert article.people == []
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Author: Brightpath Editorial Team", "back matter")
    ]


def test_a_tab_repeated_under_the_tabs_heads_the_first_section() -> None:
    article = parse_article(
        "Choosing a Sleep Aid for Your Child\nOverview\nYour choices\nSide effects\n"
        "Your choices\nA regular bedtime comes first.\nMelatonin is an option after that.\n",
        source=SRC,
    )
    assert [d.text for d in article.dropped or []] == ["Overview", "Your choices", "Side effects"]
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [("Your choices", 2)]


def test_not_replacing_a_doctor_is_a_disclaimer() -> None:
    assert is_disclaimer("These pages do not replace the advice of your pharmacist.")
    assert not is_disclaimer("Melatonin does not replace a regular bedtime.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Procrastination is often mistaken for a lack of discipline.",
        "Forgetful children are sometimes punished for it at school.",
        "A predictable routine helps many families get out of the door on time.",
        "Low self-esteem often follows years of criticism.",
    ],
)
def test_everyday_words_of_behaviour_and_the_mind_are_about_health(sentence: str) -> None:
    assert is_about_health(sentence)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Posted: 2 May 2024 4.15pm BST", "date line"),
        ("Updated March 3, 2025, at 9:30 a.m.", "date line"),
        ("Peer-Reviewed Article", "review status"),
        ("Mobile: 07700 900123", "location or contact"),
    ],
)
def test_dates_with_times_badges_and_contact_labels_are_chrome(line: str, reason: str) -> None:
    rule = chrome_rule(line)
    assert rule is not None and rule.reason == reason


def test_an_author_box_above_the_body_is_the_authors_not_the_back_matter() -> None:
    article = parse_article(
        "Why Some Children Sleep Badly on Stimulants\n"
        "Evening doses and bedtime routines both play a part\n"
        "Author\nSam Rivera\nReader in Child Health, Hillside University\n"
        "Disclosure statement\n"
        "Sam Rivera does not work for, consult or own shares in any drug company.\n"
        "Partners\nHillside University funds this site as a member.\n"
        "A late dose of a stimulant can delay sleep onset by up to an hour.\n"
        "Short sleep makes inattention worse the next day.\n",
        source=SRC,
    )
    [person] = article.people
    assert (person.name, person.role, person.bio) == (
        "Sam Rivera",
        "author",
        "Reader in Child Health, Hillside University",
    )
    assert [(s.heading, len(s.paragraphs)) for s in article.sections] == [(None, 3)]
    assert [c.text for c in article.claims][1:] == [
        "A late dose of a stimulant can delay sleep onset by up to an hour.",
        "Short sleep makes inattention worse the next day.",
    ]
    assert {(d.text, d.reason) for d in article.dropped or []} == {
        ("Disclosure statement", "disclaimer"),
        ("Sam Rivera does not work for, consult or own shares in any drug company.", "disclaimer"),
        ("Partners", "back matter"),
        ("Hillside University funds this site as a member.", "back matter"),
    }


def test_a_journal_block_and_a_media_contact_block_are_dropped_with_their_values() -> None:
    article = parse_article(
        "Iron Supplements Did Not Improve Attention, Trial Finds\n"
        "York, 9 June 2025 – Children given iron for twelve weeks showed no gain in attention.\n"
        "Journal\nPaediatric Nutrition Reports\nDOI\n10.5555/pnr.2025.77\n"
        "Subject of Research\nPeople\n"
        "Press contact\nAlex Moore\nYork Institute of Child Health\nOffice: 01904 000 111\n",
        source=SRC,
    )
    [claim] = article.claims
    assert claim.text == "Children given iron for twelve weeks showed no gain in attention."
    reasons = [d.reason for d in article.dropped or []]
    assert reasons == ["references"] * 6 + ["location or contact"] * 4


def test_a_dateline_is_no_part_of_the_first_claim_and_spans_stay_exact() -> None:
    text = "Sleep and Attention\nBristol, 4 April 2024 – Short sleep lowered attention in pupils.\n"
    [claim] = parse_article(text, source=SRC).claims
    assert claim.text == "Short sleep lowered attention in pupils." == text[claim.start : claim.end]


@pytest.mark.parametrize(
    "sentence",
    [
        "Offer water rather than juice with the evening meal.",
        "Give the liquid form with a syringe, not a kitchen spoon.",
        "Praise effort as well as results.",
        "Store the tablets out of reach of children.",
    ],
)
def test_advice_verbs_open_imperative_advice(sentence: str) -> None:
    assert non_claim_reason(sentence, has_entities=True) == "imperative advice"


def test_an_advice_verb_used_as_a_noun_still_opens_a_claim() -> None:
    assert non_claim_reason("Praise is linked with better behaviour.", has_entities=True) is None


def test_the_readers_words_under_a_question_label_are_not_claims() -> None:
    article = parse_article(
        "Can Melatonin Be Taken Every Night?\nQuestion:\n"
        "My daughter has taken melatonin for a year and sleeps well on it.\nAnswer:\n"
        "Melatonin is usually prescribed for a few months and then reviewed.\n",
        source=SRC,
    )
    assert [c.text for c in article.claims] == [
        "Melatonin is usually prescribed for a few months and then reviewed."
    ]
    assert [s.reason for s in article.non_claims or []] == ["the reader's own words"]


def test_a_reviewer_named_in_a_credit_sentence_of_a_leaflet_is_a_reviewer() -> None:
    found = parse_bylines(
        "This leaflet was prepared by our nursing staff and reviewed by Dr. Omar Haddad, "
        "consultant paediatrician."
    )
    assert [(n.name, n.honorific, role) for n, role in found] == [
        ("Omar Haddad", "Dr.", "reviewer")
    ]


@pytest.mark.parametrize(
    "item",
    ["how a stimulant is started", "when to call the clinic", "which side effects matter"],
)
def test_unpunctuated_question_clauses_in_a_list_are_not_claims(item: str) -> None:
    assert non_claim_reason(item, True) == "question"


def test_a_question_word_clause_with_a_comma_can_still_be_a_claim() -> None:
    assert non_claim_reason("when a dose wears off, restlessness often returns", True) is None


def test_calls_to_action_at_the_top_and_the_foot_are_navigation() -> None:
    article = parse_article(
        "Get started\nSleep Clinics: What a Video Visit Covers\n"
        "Book an appointment today. Plans from £20 a month.\n"
        "A sleep clinician reviews your sleep diary before the visit.\n"
        "Book a consultation\nNo referral needed · Results in a week\n",
        source=SRC,
    )
    assert article.title == "Sleep Clinics: What a Video Visit Covers"
    assert [(d.text, d.reason) for d in article.dropped or [] if d.reason == "navigation"] == [
        ("Get started", "navigation"),
        ("Book an appointment today. Plans from £20 a month.", "navigation"),
        ("Book a consultation", "navigation"),
        ("No referral needed · Results in a week", "navigation"),
    ]
    assert [c.text for c in article.claims] == [
        "A sleep clinician reviews your sleep diary before the visit."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A first appointment often lasts about an hour.",
        "Accidents at home are more common in children with untreated ADHD.",
        "Most prescribers repeat the review every six months.",
    ],
)
def test_care_visits_and_accidents_are_about_health(sentence: str) -> None:
    assert is_about_health(sentence)


def _reasons(text: str) -> dict[str, str | None]:
    """Each body sentence of a page and its non-claim reason (None for a claim)."""
    article = parse_article(text, source=SRC)
    found: dict[str, str | None] = {c.text: None for c in article.claims}
    found.update({s.text: s.reason for s in article.non_claims or []})
    return found


def test_a_flattened_table_gives_cells_not_claims() -> None:
    text = (
        "Paracetamol for Children\n\nParacetamol eases pain and fever in children.\n\n"
        "How much to give\n\nAge\n\nDose\n\n3 to 5 years\n\n240 mg\n\n"
        "6 to 8 years\n\n360 mg\n\nNever give more than 4 doses in 24 hours.\n"
    )
    article = parse_article(text, source=SRC)
    assert [s.heading for s in article.sections] == [None, "How much to give"]
    reasons = _reasons(text)
    assert [reasons[cell] for cell in ("Age", "Dose", "3 to 5 years", "240 mg")] == [
        "table cell"
    ] * 4
    assert reasons["Paracetamol eases pain and fever in children."] is None


def test_items_of_a_health_list_are_judged_together() -> None:
    text = (
        "Low Blood Pressure\n\nLow blood pressure is common in older adults.\n\n"
        "You may notice:\n\nfeeling dizzy when you stand up\n\nblurred vision\n\n"
        "falling over without warning\n\nMost people need no treatment.\n"
    )
    reasons = _reasons(text)
    assert reasons["falling over without warning"] is None  # its siblings are about health
    assert reasons["feeling dizzy when you stand up"] is None


def test_a_lead_in_alone_does_not_make_its_items_claims() -> None:
    text = (
        "Vitamin D\n\nVitamin D keeps bones healthy.\n\nGood sources include:\n\n"
        "Eggs\n\nMackerel\n\nMost people get enough from sunlight in summer.\n"
    )
    assert _reasons(text)["Mackerel"] is not None


def test_items_under_an_advice_lead_in_are_advice() -> None:
    text = (
        "Cough\n\nMost coughs clear up within three weeks.\n\n"
        "Urgent advice: Call your GP if\n\nyou have been coughing for more than three weeks\n\n"
        "you cough up blood\n\nCauses of a Cough\n\nA viral infection is the most common cause.\n"
    )
    reasons = _reasons(text)
    assert reasons["you cough up blood"] == "imperative advice"
    assert reasons["A viral infection is the most common cause."] is None


@pytest.mark.parametrize(
    "step",
    [
        "Shake the bottle well before each dose.",
        "Hold the spray upright and press the pump twice.",
        "Breathe in through your nose as you spray.",
        "Rinse your mouth with water afterwards.",
    ],
)
def test_instruction_steps_are_advice(step: str) -> None:
    assert non_claim_reason(step, has_entities=False) == "imperative advice"


def test_a_reported_belief_passes_the_topic_test() -> None:
    sentence = "Some people think that cracking your knuckles wears the joints out."
    assert non_claim_reason(sentence, has_entities=False) is None
    assert frame_of(sentence) == "reported"
    assert non_claim_reason("Cracking your knuckles is loud.", has_entities=False) is not None


def test_a_shop_box_holds_its_product_up_to_the_price_and_no_further() -> None:
    article = parse_article(
        "Five Ways to Sleep Better in Summer\n\nHeat keeps the body from cooling at night.\n\n"
        "Shop the edit\n\nCoolrest Bamboo Pillowcase, Set of Two\n\n£22 at Linen Loft\n\n"
        "2. Keep the bedroom dark\n\nLight in the evening delays the release of melatonin.\n",
        source=SRC,
    )
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Shop the edit", "navigation"),
        ("Coolrest Bamboo Pillowcase, Set of Two", "navigation"),
        ("£22 at Linen Loft", "navigation"),
    ]
    assert [s.heading for s in article.sections] == [None, "2. Keep the bedroom dark"]


def test_teasers_under_read_next_are_navigation() -> None:
    article = parse_article(
        "Treating Eczema in Babies\n\nEmollients keep the skin barrier moist.\n\n"
        "Read next\n\nWhat Causes Cradle Cap?\n\nThe Best Baby Creams, Tested\n",
        source=SRC,
    )
    assert [s.heading for s in article.sections] == [None]
    assert {d.text for d in article.dropped or []} == {
        "Read next",
        "What Causes Cradle Cap?",
        "The Best Baby Creams, Tested",
    }


def test_an_organisations_name_above_the_title_is_a_label() -> None:
    article = parse_article(
        "Northfield University Hospitals NHS Trust\n\nPatient information\n\n"
        "Having a colonoscopy under sedation\n\nA colonoscopy looks at the lining of the bowel.\n",
        source=SRC,
    )
    assert article.title == "Having a colonoscopy under sedation"
    assert [d.reason for d in article.dropped or []] == ["label above the title"] * 2


def test_a_title_that_names_a_clinic_in_a_sentence_is_still_the_title() -> None:
    article = parse_article(
        "What to Expect at the Sleep Clinic\n\nA sleep clinic records breathing overnight.\n",
        source=SRC,
    )
    assert article.title == "What to Expect at the Sleep Clinic"


def test_a_contact_block_without_a_postcode_is_contact() -> None:
    article = parse_article(
        "Your Hearing Test\n\nA hearing test measures the quietest sounds you can hear.\n\n"
        "Contact us\n\nAudiology Department, Level 1, Westgate Hospital\n\n"
        "If you need this leaflet in another language\n",
        source=SRC,
    )
    assert [d.reason for d in article.dropped or []] == ["location or contact"] * 3
    assert [s.heading for s in article.sections] == [None]


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("That's a myth that sugar makes children hyperactive.", "misconception"),
        ("It's a common misconception that vaccines cause autism.", "misconception"),
        ("Many runners swear by ice baths after a long race.", "reported"),
        ("Some parents are convinced that screens cause ADHD.", "reported"),
    ],
)
def test_contractions_and_reporting_verbs_frame_a_claim(sentence: str, frame: str) -> None:
    assert frame_of(sentence) == frame


def test_people_who_maintain_or_swear_in_the_body_are_not_reported() -> None:
    assert frame_of("Some people maintain a healthy weight without trying.") == "asserted"
    assert frame_of("Its effects are a myth to nobody who has used it.") == "asserted"


def test_a_belief_sworn_by_passes_the_topic_test_as_reported() -> None:
    sentence = "Some anglers swear by a spoonful of honey every morning."
    assert non_claim_reason(sentence, has_entities=False) is None
    assert frame_of(sentence) == "reported"
    assert non_claim_reason("Anglers use a spoonful of honey every morning.", has_entities=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Many runners have been told that stretching prevents all injuries.",
        "Some parents have been led to believe that teething causes a high fever.",
        "It is widely thought that cold weather causes colds.",
        "Smokers are commonly told that light cigarettes are safer.",
    ],
)
def test_beliefs_reported_in_the_passive_are_framed(sentence: str) -> None:
    assert frame_of(sentence) == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients are told to fast for six hours before the operation.",
        "Many patients have been treated with light therapy.",
        "The nurse told the patient that the wound had healed.",
    ],
)
def test_instructions_and_other_passives_are_not_reported(sentence: str) -> None:
    assert frame_of(sentence) == "asserted"


def test_a_site_menu_above_the_title_is_navigation_and_does_not_hide_the_title() -> None:
    article = parse_article(
        "Northgate Eye Clinic\n\nTreatments\n\nConditions\n\nPrices\n\nLocations\n\n"
        "About\n\nCareers\n\nCataract surgery in Leeds\n\n"
        "A cataract is a clouding of the lens of the eye.\n",
        source=SRC,
    )
    assert article.title == "Cataract surgery in Leeds"
    assert [d.reason for d in article.dropped or []] == ["label above the title"] + [
        "navigation"
    ] * 6


def test_two_short_lines_above_the_title_stay_labels() -> None:
    article = parse_article(
        "Patient information\n\nEye Unit\n\nCataract surgery in Leeds\n\n"
        "A cataract is a clouding of the lens of the eye.\n",
        source=SRC,
    )
    assert [d.reason for d in article.dropped or []] == ["label above the title"] * 2


def test_a_profile_card_is_navigation_up_to_its_link() -> None:
    article = parse_article(
        "Knee pain in runners\n\nKnee pain is common in runners.\n\nMeet our physiotherapists\n\n"
        "Sam Okafor\n\nSenior Physiotherapist\n\nView profile\n\n"
        "Rest helps most knee pain settle within weeks.\n",
        source=SRC,
    )
    assert [(d.text, d.reason) for d in article.dropped or []] == [
        ("Meet our physiotherapists", "navigation"),
        ("Sam Okafor", "navigation"),
        ("Senior Physiotherapist", "navigation"),
        ("View profile", "navigation"),
    ]
    assert not article.people


def test_a_testimonial_is_feedback_with_its_quotation() -> None:
    article = parse_article(
        "Knee pain in runners\n\nKnee pain is common in runners.\n\nPatient stories\n\n"
        "\u201cI was back to running in six weeks.\u201d\n\n\u2014 Priya, Leeds\n\n"
        "Rest helps most knee pain settle within weeks.\n",
        source=SRC,
    )
    assert [d.reason for d in article.dropped or []] == ["feedback"] * 3
    assert [c.text for c in article.claims] == [
        "Knee pain is common in runners.",
        "Rest helps most knee pain settle within weeks.",
    ]


def test_a_foot_takes_no_paragraph_above_it() -> None:
    article = parse_article(
        "Knee pain in runners\n\nKnee pain is common in runners.\n\n"
        "Physiotherapy strengthens the muscles around the knee.\n\n\u2014 Priya, Leeds\n",
        source=SRC,
    )
    assert [d.text for d in article.dropped or []] == ["\u2014 Priya, Leeds"]


def test_a_fee_table_and_a_booking_widget_are_navigation() -> None:
    article = parse_article(
        "Hearing tests in Bath\n\nA hearing test checks how well you hear quiet sounds.\n\n"
        "Hearing test prices\n\nFull hearing test (60 minutes)\n\n£85\n\n"
        "Ear wax removal\n\nfrom £45\n\nSelect a clinic\n\nBath Spa\n\nFrome\n\n"
        "Select a date\n\nCheck availability\n\nReviewed by Dr. Ann Lowe, FRCS\n",
        source=SRC,
    )
    reasons = {d.text: d.reason for d in article.dropped or []}
    assert set(reasons.values()) == {"navigation"}
    assert len(reasons) == 10
    assert [(p.name, p.role) for p in article.people] == [("Ann Lowe", "reviewer")]


@pytest.mark.parametrize(
    "line",
    [
        "This page is for general information and does not replace advice from your own GP.",
        "Our guides cannot substitute for the medical advice of your pharmacist.",
    ],
)
def test_disclaimers_worded_as_advice_from_a_doctor(line: str) -> None:
    assert is_disclaimer(line)


def test_advice_from_a_doctor_in_a_body_sentence_is_no_disclaimer() -> None:
    assert not is_disclaimer("Ask for advice from your own doctor before you stop a medicine.")


@pytest.mark.parametrize(
    "step",
    [
        "fasten the strap around your upper arm",
        "clip the monitor to your belt",
        "place the patch on clean, dry skin",
        "attach the mouthpiece to the spacer",
    ],
)
def test_lower_case_steps_with_fitting_verbs_are_advice(step: str) -> None:
    assert non_claim_reason(step, has_entities=False) == "imperative advice"


def test_a_fitting_verb_used_as_a_noun_is_not_advice() -> None:
    assert non_claim_reason("Place of birth does not affect the risk of asthma.", False) is None


def test_a_leaflet_or_booklet_describing_itself_is_editorial() -> None:
    sentence = "This booklet describes what happens before and after a hip replacement."
    assert non_claim_reason(sentence, has_entities=False) == "editorial or disclaimer"


def test_pollen_and_allergens_are_about_health() -> None:
    assert is_about_health("Pollen levels rise sharply on dry, windy afternoons.")
    assert is_about_health("Dust mites are common allergens in bedding.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Jump to", "navigation"),
        ("Read more: Why winter colds last longer", "navigation"),
        ("Find out more about free eye tests", "navigation"),
        ("See also hearing aids", "navigation"),
        ("Most popular this week", "navigation"),
        ("Trending stories", "navigation"),
        ("Contact | Freedom of information | Privacy policy | Jobs", "navigation"),
        ("Breaking news", "navigation"),
        ("7:15 am Rail strike called off", "navigation"),
        ("Reply", "navigation"),
        ("Report this comment", "navigation"),
        ("J. Moss | 5 minutes ago", "feedback"),
        ("You can call the practice team on 020 7946 0102 to cancel.", "location or contact"),
    ],
)
def test_news_and_campus_chrome_in_other_wordings(line: str, reason: str) -> None:
    rule = chrome_rule(line)
    assert rule is not None and rule.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        "Find out about the risks before you start a new medicine.",
        "Learn more about your body and you may notice early warning signs.",
        "Most readers of health news overestimate small risks.",
        "Diet | Exercise | Sleep",
        "8.00am doses of the medicine wear off by lunchtime.",
        "Live vaccines are not given during pregnancy.",
        "Reply slips are sent out with every invitation letter.",
        "The rash started 3 days ago and then spread to the chest.",
        "Call 999 if you cannot breathe.",
        "Subscribers to the trial were paid for their time.",
    ],
)
def test_body_lines_like_news_and_campus_chrome_are_not_chrome(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_contents_list_is_navigation_up_to_the_first_section_question() -> None:
    text = (
        "Chickenpox in adults\n\nAdults often feel more unwell than children.\n\n"
        "In this article\n\nCauses\n\nTreatment\n\nWhen to worry\n\n"
        "What causes chickenpox in adults?\n\nThe varicella-zoster virus causes it.\n"
    )
    article = parse_article(text, source=SRC)
    dropped = [(d.text, d.reason) for d in article.dropped or []]
    assert ("Treatment", "navigation") in dropped and ("When to worry", "navigation") in dropped
    assert [s.heading for s in article.sections][-1] == "What causes chickenpox in adults?"


def test_a_contents_link_first_on_the_page_heads_no_list() -> None:
    text = "Jump to\n\nKidney Stones Explained\n\nMost kidney stones pass in urine.\n"
    assert parse_article(text, source=SRC).title == "Kidney Stones Explained"


def test_a_live_box_and_its_timed_headlines_are_navigation() -> None:
    text = (
        "Measles cases rise in the north\n\nMeasles spreads through the air.\n\n"
        "Live\n\nStorm warning: latest updates\n\n11.20am Roads closed near the coast\n\n"
        "Follow our live coverage\n\nTwo doses of the vaccine protect most people.\n"
    )
    article = parse_article(text, source=SRC)
    assert {d.reason for d in article.dropped or []} == {"navigation"}
    assert len(article.dropped or []) == 4 and len(article.sections) == 1


def test_a_comment_signature_drops_the_comment_under_it() -> None:
    text = (
        "Gout flares and diet\n\nUric acid crystals cause gout.\n\n2 comments\n\n"
        "bluejay77 · 4 hours ago\n\nMy dad swears cherries helped him.\n"
    )
    article = parse_article(text, source=SRC)
    assert [d.reason for d in article.dropped or []] == ["navigation", "feedback", "feedback"]


def test_a_myth_sentence_answered_in_plain_text_is_a_framed_claim_not_a_heading() -> None:
    text = (
        "Colds and vitamin C\n\nColds are caused by viruses.\n\n"
        "Myth: Vitamin C cures a cold in a day.\n\nA cold usually lasts about a week.\n"
    )
    article = parse_article(text, source=SRC)
    assert all(s.heading is None for s in article.sections)
    myth = next(c for c in article.claims if c.text.startswith("Vitamin C"))
    assert (myth.asserted, myth.frame) == (False, "myth")


def test_the_site_name_above_a_menu_and_the_label_after_a_pitch_are_labels() -> None:
    text = (
        "The Harbour Gazette\n\nNews\n\nSport\n\nWeather\n\nSubscribe for £2 a month\n\n"
        "Allergies\n\nWhy hay fever is worse in cities this year\n\n"
        "Pollen sticks to particles from traffic fumes.\n"
    )
    article = parse_article(text, source=SRC)
    reasons = {d.text: d.reason for d in article.dropped or []}
    assert reasons["The Harbour Gazette"] == "label above the title"
    assert reasons["Sport"] == "navigation" and reasons["Allergies"] == "label above the title"


def _page(text: str) -> Article:
    return parse_article(text, source=Source(path="page.txt", sha256="0" * 64, bytes=0))


def _drop_reasons(article: Article) -> dict[str, str]:
    return {d.text: d.reason for d in article.dropped or []}


def test_contents_entries_led_by_dashes_or_numbers_are_navigation() -> None:
    page = (
        "Warts: what to do\n\nOn this page\n\n- What they are\n\n2) Treating them\n\n"
        "Warts are small rough growths caused by a virus.\n\nWhat they are\n\n"
        "They usually go away on their own within two years.\n\nTreating them\n\n"
        "Salicylic acid gels can make warts go away sooner.\n"
    )
    article = _page(page)
    reasons = _drop_reasons(article)
    assert reasons["- What they are"] == "navigation"
    assert reasons["2) Treating them"] == "navigation"
    headings = [s.heading for s in article.sections]
    assert headings == [None, "What they are", "Treating them"]


def test_box_heading_above_download_lines_is_navigation() -> None:
    page = (
        "Scabies: how it spreads\n\nScabies is caused by tiny mites that burrow into the skin."
        "\n\nResources for care homes\n\nScabies outbreak checklist (PDF, 220 KB)\n\n"
        "Close household contacts should be treated at the same time.\n"
    )
    reasons = _drop_reasons(_page(page))
    assert reasons["Resources for care homes"] == "navigation"
    assert reasons["Scabies outbreak checklist (PDF, 220 KB)"] == "navigation"


def test_organisation_byline_and_banner_are_not_the_title() -> None:
    page = (
        "Official website of the health board\n\nKeep Well campaign\n\n"
        "Norovirus: why handwashing with soap beats alcohol gel during an outbreak at home\n\n"
        "From: Northfield Health Protection Agency\n\n"
        "Norovirus spreads easily through contaminated hands and surfaces.\n"
    )
    article = _page(page)
    assert article.title.startswith("Norovirus:")
    reasons = _drop_reasons(article)
    assert reasons["From: Northfield Health Protection Agency"] == "back matter"
    assert reasons["Keep Well campaign"] == "label above the title"


def test_menu_items_between_chrome_menu_items_are_navigation() -> None:
    page = (
        "Greenway Podiatry\n\nHome\n\nConditions\n\nBook online\n\nFees\n\n"
        "Ingrown toenails: when to see a podiatrist\n\n"
        "An ingrown toenail grows into the skin at the side of the nail.\n"
    )
    reasons = _drop_reasons(_page(page))
    assert reasons["Conditions"] == reasons["Fees"] == "navigation"
    assert reasons["Greenway Podiatry"] == "label above the title"
