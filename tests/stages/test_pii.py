import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import config_from_dict
from pipeline.document import Document, Source, revert
from pipeline.errors import ConfigError
from pipeline.stages import REGISTRY
from pipeline.stages.pii import (
    PiiConfig,
    PiiRemover,
    find_emails,
    find_ip_addresses,
    find_phone_numbers,
)

REGIONS = ["US", "GB", "DE", "FR", "ES"]
PROSE = "Ferns like steady moisture and indirect light, so a north-facing window suits them."


def scrub(text, **settings):
    doc = Document(id="d", text=text, source=Source("a.txt", 0, "0" * 64, "txt"))
    return PiiRemover(PiiConfig(**settings)).process(doc)


def matched(spans, text):
    return [text[s.start : s.end] for s in spans]


# --- e-mail -------------------------------------------------------------------------------


def test_plain_address_is_found():
    text = "Write to anna.berg+ferns@mail.example.co.uk today."
    assert matched(find_emails(text), text) == ["anna.berg+ferns@mail.example.co.uk"]


@pytest.mark.parametrize("written", [
    "anna [at] example [dot] com", "anna(at)example(dot)com", "anna {at} example.com",
    "anna [ät] beispiel [punkt] de", "anna AT example DOT org",
])
def test_obfuscated_address_is_found(written):
    text = f"Mail {written} please."
    assert matched(find_emails(text), text) == [written]
    assert find_emails(text)[0].rule == "email_obfuscated"


@pytest.mark.parametrize("placeholder", [
    "[email protected]", "[email\u00a0protected]", "[email&#160;protected]"])
def test_obfuscation_placeholder_is_found(placeholder):
    spans = find_emails(f"Contact {placeholder} now")
    assert [s.rule for s in spans] == ["email_protected"]


def test_at_and_dot_as_words_are_not_an_address():
    text = "We met at the station and walked to the dot on the map at noon."
    assert find_emails(text) == []


# --- phone --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [
    "(415) 555-2671", "+44 20 7946 0958", "020 7946 0958", "+49 30 901820", "01 42 68 53 00",
    "912 345 678", "+1-800-273-8255",
])
def test_valid_numbers_are_found_in_running_text(number):
    text = f"You can reach the office on {number} most days."
    assert matched(find_phone_numbers(text, REGIONS), text) == [number]


def test_labelled_number_only_needs_a_possible_length():
    text = "phone:(576) 429-9917 x 1295"  # not a valid area code, but announced as a phone
    assert matched(find_phone_numbers(text, REGIONS), text) == ["(576) 429-9917 x 1295"]
    assert find_phone_numbers("It cost (576) 429-9917 in total", REGIONS) == []


@pytest.mark.parametrize("text", [
    "In the 1990s about 3.5 million adults grew ferns.",
    "The budget rose from $1,250,000 in 2019 to $2,400,000 in 2021.",
    "On 17.09.2021 at 10:57 the page had 23036 views and 9687 clicks.",
    "The book (ISBN 978-0-306-40615-7, also 0-306-40615-2) appeared in 2004.",
    "The census counted 8 336 817 residents in 2020.",
    "The trial ran from 2019-02-01 to 2020-06-30 with 1,024 patients aged 18-65.",
    "Its CAS number is 6740-88-1 and it weighs 237.73 g/mol.",
    "Call 911 or 112 in an emergency.",
])
def test_numbers_that_are_not_phones_stay(text):
    assert find_phone_numbers(text, REGIONS) == []


figure = st.one_of(
    st.integers(1900, 2030).map(str),
    st.builds("{}.{} million".format, st.integers(1, 99), st.integers(0, 9)),
    st.builds("${:,}".format, st.integers(1000, 999_999_999)),
    st.builds("{:02d}.{:02d}.{}".format, st.integers(1, 28), st.integers(1, 12), st.integers(1950, 2030)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1950, 2030), st.integers(1, 12), st.integers(1, 28)),
    st.builds("{}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
    st.builds("{:,}".format, st.integers(1000, 999_999_999)),
    st.builds("{}%".format, st.integers(1, 100)),
)
filler_word = st.sampled_from(["in", "the", "and", "adults", "were", "by", "from", "to", "between"])


@given(st.lists(st.tuples(filler_word, figure), min_size=1, max_size=8))
def test_figures_in_running_text_are_not_phone_numbers(pairs):
    text = " ".join(f"{word} {number}" for word, number in pairs) + "."
    assert find_phone_numbers(text, REGIONS) == []


@pytest.mark.xfail(strict=True, reason="two bare numbers side by side form a valid national number")
def test_two_bare_years_side_by_side_are_not_a_phone_number():
    assert find_phone_numbers("The estates were sold in 1689 1967 to the crown.", REGIONS) == []


# --- IP -----------------------------------------------------------------------------------


def test_ipv4_and_ipv6_are_found_and_validated():
    text = "Hosts 192.168.0.1, 2001:db8::8a2e:370:7334 and 999.1.1.1 were listed."
    assert matched(find_ip_addresses(text), text) == ["192.168.0.1", "2001:db8::8a2e:370:7334"]


def test_version_numbers_and_times_are_not_addresses():
    assert find_ip_addresses("Version 2.1.0.3 shipped at 10:57:30 on day 3.") == []


# --- the stage ----------------------------------------------------------------------------


def test_running_text_gets_typed_placeholders():
    doc = scrub("Write to ana@example.org or call (212) 555-0123 from 10.0.0.7 today.")
    assert doc.text == "Write to <EMAIL> or call <PHONE> from <IP> today."
    assert [e.rule for e in doc.edits] == ["email", "phone", "ip_address"]


def test_remove_mode_deletes_items_without_double_spaces():
    doc = scrub("Write to ana@example.org today.", mode="remove")
    assert doc.text == "Write to today."


def test_custom_placeholder_is_used():
    placeholders = {"email": "[MAIL]", "phone": "[TEL]", "ip": "[IP]"}
    doc = scrub("Questions go to ana@example.org, thanks.", placeholders=placeholders)
    assert doc.text == "Questions go to [MAIL], thanks."


def test_kinds_limit_what_is_touched():
    text = "Write to ana@example.org or 10.0.0.7 today."
    assert scrub(text, kinds=["ip"]).text == "Write to ana@example.org or <IP> today."


@pytest.mark.parametrize("line", [
    "email: [email\u00a0protected] - phone:(576) 429-9917 x 1295",
    "Contact: Jane Doe, jane [at] example [dot] com",
    "Tel.: +49 30 901820 | Fax: +49 30 901821",
    "Telefon: 030 901820 - E-Mail: kontakt@firma.de",
    "Téléphone : 01 42 68 53 00",
    "Correo: hola@ejemplo.es",
    "Phone no.: 555-0199",
])
def test_line_of_only_contact_details_goes_whole(line):
    doc = scrub(f"{PROSE}\n\n{line}\n\n{PROSE}")
    assert doc.text == f"{PROSE}\n\n{PROSE}"
    assert [e.rule for e in doc.edits] == ["contact_line"]


def test_contact_line_with_a_name_that_case_folding_lengthens_goes_whole():
    # "İ" case-folds to "i" and a combining dot: the name is still one word, not two
    doc = scrub(f"{PROSE}\n\nContact: İlker Şahin, ilker@example.com\n\n{PROSE}")
    assert doc.text == f"{PROSE}\n\n{PROSE}"


def test_sentence_with_contact_details_keeps_its_words():
    doc = scrub("Contact the editor at ed@example.org if you spot a mistake in this guide.")
    assert doc.text == "Contact the editor at <EMAIL> if you spot a mistake in this guide."


def test_contact_lines_can_be_kept_by_config():
    assert scrub("Email: ana@example.org", contact_lines=False).text == "Email: <EMAIL>"


def test_advice_about_phones_and_email_is_untouched():
    text = "If the rash spreads, call your doctor or email the clinic, and keep your phone number private."
    doc = scrub(text)
    assert doc.text == text and doc.edits == []


address = st.from_regex(r"[a-z]{2,8}@[a-z]{2,8}\.(com|org|de)", fullmatch=True)
vocabulary = ["ferns", "need", "water", "1990s", "3.5", "million", "call", "email", "and"]
words = st.lists(st.sampled_from(vocabulary), max_size=8).map(" ".join)


@given(words, address, words)
def test_address_in_any_sentence_is_replaced_and_replayable(before, email, after):
    text = f"Ferns {before} {email} {after}."  # "Ferns": never only contact details
    doc = scrub(text)
    assert email not in doc.text and "<EMAIL>" in doc.text
    assert revert(doc.text, doc.edits) == text


@pytest.mark.parametrize("settings, key", [
    ({"kinds": ["ssn"]}, "kinds"),
    ({"phone_regions": ["XX"]}, "phone_regions"),
    ({"placeholders": {"email": "<E>"}}, "placeholders"),
    ({"mode": "mask"}, "mode"),
])
def test_bad_settings_are_rejected_naming_the_key(settings, key):
    with pytest.raises(ConfigError, match=rf"stages\.pii\.{key}"):
        config_from_dict({"stages": {"pii": settings}})


def test_stage_is_registered():
    assert REGISTRY["pii"] is PiiRemover


def test_a_bare_run_of_seven_digits_is_an_id_not_a_phone():
    text = "Tab-to-search can be turned off per engine (Bug 1681512), and order 4412993 shipped."
    doc = PiiRemover().process(Document(id="d", text=text, source=Source("a.txt", 0, "0" * 64, "txt")))
    assert doc.text == text


def test_a_negative_decimal_in_a_table_is_not_a_phone():
    text = "│ 0.3428 │ -0.388 500 │ 0 │ 0.150 │"
    doc = PiiRemover().process(Document(id="d", text=text, source=Source("a.txt", 0, "0" * 64, "txt")))
    assert doc.text == text
