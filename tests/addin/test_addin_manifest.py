"""The Outlook add-in manifests: Microsoft's schemas where they reach, and structural checks
for what they lack (Runtimes, LaunchEvent), all offline."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tactful import addin_manifest as am

ROOT = Path(__file__).resolve().parents[2]
ADDIN = ROOT / "outlook-addin"
SRC = ADDIN / "src"
SCHEMAS = ROOT.parent / "shared" / "schemas" / "office-addin"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "v10": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v11": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"
MANIFESTS = {"basic": ADDIN / "manifest.xml", "onsend": ADDIN / "manifest-onsend.xml"}
ALL = [(kind, am.manifest(origin, kind, mode))
       for kind in am.KINDS
       for origin in (am.DEFAULT_ORIGIN, "https://tactful.example.com")
       for mode in am.SEND_MODES]


def _xmllint(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    if not SCHEMAS.is_dir():
        pytest.skip(f"Microsoft's manifest schemas are not at {SCHEMAS} (../shared is absent)")
    if not shutil.which("xmllint"):
        pytest.skip("xmllint is not installed (Debian: apt-get install libxml2-utils)")
    path = tmp_path / "manifest.xml"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(["xmllint", "--noout", "--nonet", "--schema",
                           str(SCHEMAS / "OfficeAppManifestV1_1.xsd"), str(path)],
                          capture_output=True, text=True, timeout=60)


def _without_unschemaed_parts(text: str) -> str:
    """Drop what Microsoft's published schemas predate (checked structurally below). Text
    surgery rather than an XML round trip, which would rename the prefixes xsi:type uses."""
    text, runtimes = re.subn(r"\s*<Runtimes>.*?</Runtimes>", "", text, flags=re.S)
    text, events = re.subn(r'\s*<ExtensionPoint xsi:type="LaunchEvent">.*?</ExtensionPoint>', "",
                           text, flags=re.S)
    assert runtimes == events == 1
    return text


@pytest.mark.parametrize("kind", am.KINDS)
def test_committed_manifests_are_the_generated_ones(kind):
    assert MANIFESTS[kind].read_text(encoding="utf-8") == am.manifest(kind=kind), (
        f"regenerate: tactful addin-manifest --kind {kind} --out {MANIFESTS[kind].name}")


def test_basic_manifest_validates_against_microsofts_schema(tmp_path):
    result = _xmllint(tmp_path, MANIFESTS["basic"].read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr


def test_onsend_manifest_validates_where_the_schema_reaches(tmp_path):
    text = MANIFESTS["onsend"].read_text(encoding="utf-8")
    stripped = _without_unschemaed_parts(text)
    assert "LaunchEvent" not in stripped and "Runtimes" not in stripped
    result = _xmllint(tmp_path, stripped)
    assert result.returncode == 0, result.stderr
    # And the schema really does check the 1.1 part: a broken element there fails.
    nested = stripped.index("VersionOverridesV1_1")
    at = stripped.index("<DesktopFormFactor>", nested) + len("<DesktopFormFactor>")
    broken = stripped[:at] + "<Bogus/>" + stripped[at:]
    assert broken != stripped
    assert _xmllint(tmp_path, broken).returncode != 0


@pytest.mark.parametrize(("kind", "text"), ALL)
def test_every_url_is_https_on_the_one_origin(kind, text):
    origin = re.search(r"<AppDomain>(.*?)</AppDomain>", text).group(1)
    urls = re.findall(r'(?:DefaultValue|<AppDomain>)="?(https?://[^"<]+)', text)
    urls += re.findall(r"<AppDomain>(.*?)</AppDomain>", text)
    assert len(urls) >= 8
    for url in urls:
        assert url.startswith("https://"), url
        assert url == origin or url.startswith(origin + "/"), url


@pytest.mark.parametrize(("kind", "text"), ALL)
def test_every_resid_is_defined_in_its_own_override(kind, text):
    root = ET.fromstring(text)
    overrides = [el for el in root.iter() if el.tag.endswith("}VersionOverrides")]
    assert len(overrides) == (1 if kind == "basic" else 2)
    for vo in overrides:
        own = [el for el in vo.iter() if el is vo or not _inside_nested(vo, el)]
        defined = {el.get("id") for el in own if el.tag.split("}")[1] in ("Image", "Url", "String")
                   and el.get("id")}
        used = {el.get("resid") for el in own if el.get("resid")}
        assert used, "an override with no resource references"
        assert used <= defined, f"undefined resid: {sorted(used - defined)}"


def _inside_nested(vo, el) -> bool:
    for nested in vo:
        if nested.tag.endswith("}VersionOverrides") and (el is nested or el in nested.iter()):
            return True
    return False


def _urls(text: str) -> dict[str, str]:
    root = ET.fromstring(text)
    return {el.get("id"): el.get("DefaultValue") for el in root.iter(f"{{{NS['bt']}}}Url")}


@pytest.mark.parametrize("kind", am.KINDS)
def test_every_referenced_file_exists_in_the_addin_source(kind):
    text = am.manifest(kind=kind)
    paths = set(re.findall(r"https://localhost:8740/addin/([^\"<]+)", text))
    assert {"taskpane.html", "icons/icon-80.png"} <= paths
    for p in paths:
        assert (SRC / p).is_file(), p


def test_launch_event_runs_a_function_the_js_registers():
    text = MANIFESTS["onsend"].read_text(encoding="utf-8")
    root = ET.fromstring(text)
    events = list(root.iter(f"{{{NS['v11']}}}LaunchEvent"))
    assert [(e.get("Type"), e.get("SendMode")) for e in events] == [("OnMessageSend", "PromptUser")]
    js = (SRC / "onsend.js").read_text(encoding="utf-8")
    associated = set(re.findall(r'Office\.actions\.associate\("([^"]+)",\s*(\w+)\)', js))
    for e in events:
        name = e.get("FunctionName")
        assert (name, name) in associated, f"{name} is not registered with Office.actions.associate"
        assert re.search(rf"^function {name}\(event\)", js, re.M)
    # The runtime: the page for web/new/Mac and the lone JS file for classic Outlook.
    runtime = root.find(".//v11:Runtimes/v11:Runtime", NS)
    override = runtime.find("v11:Override", NS)
    assert override.get("type") == "javascript"
    urls = _urls(text)
    assert urls[override.get("resid")].endswith("/addin/onsend.js")
    page = urls[runtime.get("resid")]
    assert page.endswith("/addin/onsend.html")
    source = root.find(".//v11:ExtensionPoint[@xsi:type='LaunchEvent']/v11:SourceLocation", NS)
    assert source.get("resid") == runtime.get("resid")
    html = (SRC / "onsend.html").read_text(encoding="utf-8")
    assert 'src="onsend.js"' in html and am.OFFICE_JS in html


def test_smart_alerts_review_button_is_the_manifests_pane_button():
    js = (SRC / "onsend.js").read_text(encoding="utf-8")
    command = re.search(r'var TACTFUL_PANE_COMMAND = "([^"]+)";', js).group(1)
    assert command == am.PANE_COMMAND
    root = ET.fromstring(MANIFESTS["onsend"].read_text(encoding="utf-8"))
    controls = [c for c in root.iter(f"{{{NS['v11']}}}Control") if c.get("id") == command]
    assert controls and controls[0].find("v11:Action", NS).get(XSI_TYPE) == "ShowTaskpane"


def test_onsend_js_has_no_dom_and_only_absolute_urls():
    js = (SRC / "onsend.js").read_text(encoding="utf-8")
    js = re.sub(r"/\*.*?\*/|^\s*//[^\n]*|\s//\s[^\n]*", "", js, flags=re.S | re.M)
    for forbidden in ("window", "document", "localStorage", "sessionStorage", "location"):
        assert not re.search(rf"\b{forbidden}\b", js), forbidden
    assert re.search(r'^var TACTFUL_ORIGIN = "https://localhost:8740";$', js, re.M)
    assert '"/api/v1/analyze"' in js and "TACTFUL_ORIGIN + path" in js


def test_requirement_sets():
    basic = ET.fromstring(MANIFESTS["basic"].read_text(encoding="utf-8"))
    assert basic.find("o:Requirements/o:Sets/o:Set", NS).get("MinVersion") == "1.3"
    assert basic.find("o:Permissions", NS).text == "ReadWriteItem"
    assert "LaunchEvent" not in MANIFESTS["basic"].read_text(encoding="utf-8")
    onsend = ET.fromstring(MANIFESTS["onsend"].read_text(encoding="utf-8"))
    nested = onsend.find(".//v11:VersionOverrides", NS)
    assert nested.find("v11:Requirements/bt:Sets", NS).get("DefaultMinVersion") == "1.12"


def test_origin_is_normalised_and_https_is_required():
    assert am.normalize_origin("https://Tactful.Example.com:443/") == "https://tactful.example.com"
    assert am.normalize_origin("https://mail-tools.corp:9443") == "https://mail-tools.corp:9443"
    for bad in ("http://localhost:8740", "https://host/tactful", "localhost:8740", "",
                'https://x"><evil', "https://host:8740?x=1"):
        with pytest.raises(ValueError):
            am.normalize_origin(bad)


def test_ids_differ_per_origin_and_kind_but_are_stable():
    ids = {am.addin_id(o, k) for o in ("https://a.example", "https://b.example") for k in am.KINDS}
    assert len(ids) == 4
    assert am.addin_id("https://a.example", "basic") == am.addin_id("https://a.example", "basic")


def test_soft_block_is_an_option_and_block_is_not():
    text = am.manifest(kind="onsend", send_mode="SoftBlock")
    assert 'SendMode="SoftBlock"' in text
    with pytest.raises(ValueError):
        am.manifest(kind="onsend", send_mode="Block")


def test_command_writes_a_file_and_rejects_plain_http(tmp_path, capsys):
    out = tmp_path / "m.xml"
    assert am.main(["--origin", "https://tactful.example.com", "--kind", "onsend",
                    "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "https://tactful.example.com/addin/onsend.js" in text and "localhost" not in text
    assert am.main(["--origin", "http://tactful.example.com"]) == 2
    assert "HTTPS" in capsys.readouterr().err


def test_tactful_cli_has_the_addin_manifest_command(tmp_path):
    from tactful.cli import main

    out = tmp_path / "manifest.xml"
    assert main(["addin-manifest", "--origin", "https://mail.corp.example:9443",
                 "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<AppDomain>https://mail.corp.example:9443</AppDomain>" in text
    assert text == am.manifest("https://mail.corp.example:9443")
