"""Every view in Bahasa Indonesia too: learner, staff panel and Studio editor, with axe.

The English flows (start, mid-way, end) are driven in each block's own browser test; here
each view is opened in Indonesian, checked for translated text, and checked by axe."""
import pytest

TAGS = ["asn_case_study", "asn_change_simulation", "asn_digital_service"]
SUBMIT = {"asn_case_study": "Kirim", "asn_change_simulation": None, "asn_digital_service": None}


@pytest.mark.parametrize("tag", TAGS)
def test_learner_staff_and_studio_views_in_bahasa_indonesia(page, tag):
    name = f"{tag}.0"
    page.open(f"/view/{name}/?student=pelajar&lang=id")
    text = page.text()
    assert "Percobaan yang digunakan" in text  # "Attempts used", from the JS catalogue
    assert page.find(".asn-block").get_attribute("lang") == "id"
    if SUBMIT[tag]:
        assert page.button(SUBMIT[tag])
    page.assert_accessible()

    page.open(f"/view/{name}/?student=staff&lang=id")
    page.wait_for(".asn-staff [role='tab']")
    assert "Peserta" in page.find(".asn-staff").text  # "Learners", the staff panel's
    # the learner view's strings too: both bundles' catalogues are on the page
    assert "Percobaan yang digunakan" in page.text()
    page.assert_accessible()

    page.driver.get(page.base_url + f"/scenario/{name}/studio_view/?student=staff&lang=id")
    page.wait_for(".asn-body[aria-busy='false']")
    page.assert_accessible(".asn-block")
    assert page.find(".asn-block").text.strip()
    tabs = [t.text for t in page.driver.find_elements("css selector", ".asn-tabs [role='tab']")]
    assert tabs[:3] == ["Formulir", "Sumber OLX", "Pratinjau"], tabs  # the editor's, from the JS catalogue
