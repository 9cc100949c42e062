"""The Outlook add-in's XML manifests, written for one deployment's origin.

Office requires every URL in a manifest to be HTTPS and on a known origin, so the manifest
depends on where the Tactful server runs. Two flavours:

* ``basic``  - the task pane from a compose-window ribbon button. Mailbox 1.3, so it loads in
  every Outlook (web, new and classic Windows, Mac). The one to sideload first.
* ``onsend`` - the same, plus the Smart Alerts check on Send (OnMessageSend, Mailbox 1.12)
  in a nested VersionOverrides 1.1, so clients without 1.12 still get the task pane.

outlook-addin/manifest.xml and manifest-onsend.xml are this module's output for the
default origin (a test keeps them identical): edit here, then run
``tactful addin-manifest --out outlook-addin/manifest.xml`` (and ``--kind onsend``).
"""

from __future__ import annotations

import argparse
import re
import sys
import uuid
from pathlib import Path
from string import Template

from . import __version__

DEFAULT_ORIGIN = "https://localhost:8740"
KINDS = ("basic", "onsend")
SEND_MODES = ("PromptUser", "SoftBlock")  # never "Block": the check must fail open
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
ONSEND_FUNCTION = "onMessageSendHandler"
PANE_COMMAND = "TactfulOpenPane"  # also onsend.js's commandId for "Review in Tactful"

_ORIGIN = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def normalize_origin(origin: str) -> str:
    """``https://host[:port]`` with no path; Office refuses add-ins served over plain HTTP."""
    o = (origin or "").strip().rstrip("/")
    if not _ORIGIN.match(o):
        raise ValueError(f"origin must look like https://host[:port] (no path), not {origin!r}; "
                         "Office loads add-ins only over HTTPS")
    if o.lower().endswith(":443"):
        o = o[:-4]
    return o.lower()


def addin_id(origin: str, kind: str) -> str:
    """Stable per origin and flavour, so two deployments can be installed side by side."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tactful-outlook-addin:{kind}:{origin}"))


def manifest(origin: str = DEFAULT_ORIGIN, kind: str = "basic",
             send_mode: str = "PromptUser") -> str:
    """The manifest XML as text."""
    origin = normalize_origin(origin)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if send_mode not in SEND_MODES:
        raise ValueError(f"send mode must be one of {', '.join(SEND_MODES)}, not {send_mode!r}")
    parts = [int(p) for p in re.findall(r"\d+", __version__)[:4]]
    version = ".".join(str(p) for p in (parts + [0, 0, 0, 0])[:4])
    base = f"{origin}/addin"
    fields = dict(origin=origin, base=base, id=addin_id(origin, kind), version=version,
                  name="Tactful" if kind == "basic" else "Tactful (with send check)",
                  function=ONSEND_FUNCTION, send_mode=send_mode, command=PANE_COMMAND,
                  top_min="1.3")
    fields["overrides"] = Template(
        _BASIC_OVERRIDES if kind == "basic" else _ONSEND_OVERRIDES).substitute(
        host=Template(_HOST).substitute(fields),
        host11=Template(_HOST_ONSEND).substitute(fields),
        resources=Template(_RESOURCES).substitute(fields),
        resources11=Template(_RESOURCES_ONSEND).substitute(fields),
    )
    return Template(_OFFICE_APP).substitute(fields)


def write(out: str | None, origin: str = DEFAULT_ORIGIN, kind: str = "basic",
          send_mode: str = "PromptUser") -> None:
    text = manifest(origin, kind, send_mode)
    if out in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def add_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--origin", default=DEFAULT_ORIGIN,
                   help=f"the Tactful server's HTTPS origin (default {DEFAULT_ORIGIN})")
    p.add_argument("--kind", choices=KINDS, default="basic",
                   help="basic: task pane only (every Outlook); onsend: plus the check on Send")
    p.add_argument("--send-mode", choices=SEND_MODES, default="PromptUser",
                   help="onsend only: PromptUser lets the writer send anyway (default); "
                        "SoftBlock makes them fix or dismiss first")
    p.add_argument("--out", default="-", help="file to write (default: standard output)")
    return p


def run(args: argparse.Namespace) -> int:
    """The `tactful addin-manifest` command; exit 2 on a bad origin, like any usage error."""
    try:
        write(args.out, args.origin, args.kind, args.send_mode)
    except ValueError as err:
        print(f"tactful addin-manifest: {err}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = add_arguments(argparse.ArgumentParser(
        prog="tactful addin-manifest", description="Write the Outlook add-in manifest."))
    return run(parser.parse_args(argv))


_OFFICE_APP = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by `tactful addin-manifest` (server/tactful/addin_manifest.py) for $origin. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
           xsi:type="MailApp">
  <Id>$id</Id>
  <Version>$version</Version>
  <ProviderName>Tactful</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="$name"/>
  <Description DefaultValue="A writing coach for saying no to a client: flags phrases that could \
hurt, checks the parts of a good pushback and offers cushioned rewrites."/>
  <IconUrl DefaultValue="$base/icons/icon-64.png"/>
  <HighResolutionIconUrl DefaultValue="$base/icons/icon-128.png"/>
  <SupportUrl DefaultValue="$origin/"/>
  <AppDomains>
    <AppDomain>$origin</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="$top_min"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemEdit">
      <DesktopSettings>
        <SourceLocation DefaultValue="$base/taskpane.html"/>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <Permissions>ReadWriteItem</Permissions>
  <Rule xsi:type="RuleCollection" Mode="Or">
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="Edit"/>
  </Rule>
  <DisableEntityHighlighting>false</DisableEntityHighlighting>
$overrides</OfficeApp>
"""

_BASIC_OVERRIDES = """\
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" \
xsi:type="VersionOverridesV1_0">
    <Requirements>
      <bt:Sets DefaultMinVersion="1.3">
        <bt:Set Name="Mailbox"/>
      </bt:Sets>
    </Requirements>
$host$resources  </VersionOverrides>
"""

_ONSEND_OVERRIDES = """\
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides" \
xsi:type="VersionOverridesV1_0">
    <Requirements>
      <bt:Sets DefaultMinVersion="1.3">
        <bt:Set Name="Mailbox"/>
      </bt:Sets>
    </Requirements>
$host$resources    <!-- Clients with Mailbox 1.12 use this: the button plus the check on Send. -->
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1" \
xsi:type="VersionOverridesV1_1">
      <Requirements>
        <bt:Sets DefaultMinVersion="1.12">
          <bt:Set Name="Mailbox"/>
        </bt:Sets>
      </Requirements>
$host11$resources11    </VersionOverrides>
  </VersionOverrides>
"""

_BUTTON = """\
$i          <ExtensionPoint xsi:type="MessageComposeCommandSurface">
$i            <OfficeTab id="TabDefault">
$i              <Group id="TactfulGroup">
$i                <Label resid="Group.Label"/>
$i                <Control xsi:type="Button" id="$command">
$i                  <Label resid="Pane.Label"/>
$i                  <Supertip>
$i                    <Title resid="Pane.Label"/>
$i                    <Description resid="Pane.Tooltip"/>
$i                  </Supertip>
$i                  <Icon>
$i                    <bt:Image size="16" resid="Icon.16"/>
$i                    <bt:Image size="32" resid="Icon.32"/>
$i                    <bt:Image size="80" resid="Icon.80"/>
$i                  </Icon>
$i                  <Action xsi:type="ShowTaskpane">
$i                    <SourceLocation resid="Pane.Url"/>
$i                  </Action>
$i                </Control>
$i              </Group>
$i            </OfficeTab>
$i          </ExtensionPoint>
"""

_HOST = """\
    <Hosts>
      <Host xsi:type="MailHost">
        <DesktopFormFactor>
          <FunctionFile resid="Commands.Url"/>
""" + Template(_BUTTON).safe_substitute(i="") + """\
        </DesktopFormFactor>
      </Host>
    </Hosts>
"""

_HOST_ONSEND = """\
      <Hosts>
        <Host xsi:type="MailHost">
          <!-- Classic Outlook on Windows runs the JavaScript file alone; the others the page. -->
          <Runtimes>
            <Runtime resid="WebViewRuntime.Url">
              <Override type="javascript" resid="JSRuntime.Url"/>
            </Runtime>
          </Runtimes>
          <DesktopFormFactor>
            <FunctionFile resid="Commands.Url"/>
""" + Template(_BUTTON).safe_substitute(i="  ") + """\
            <ExtensionPoint xsi:type="LaunchEvent">
              <LaunchEvents>
                <LaunchEvent Type="OnMessageSend" FunctionName="$function" SendMode="$send_mode"/>
              </LaunchEvents>
              <SourceLocation resid="WebViewRuntime.Url"/>
            </ExtensionPoint>
          </DesktopFormFactor>
        </Host>
      </Hosts>
"""

_RESOURCE_BODY = """\
$i<Resources>
$i  <bt:Images>
$i    <bt:Image id="Icon.16" DefaultValue="$base/icons/icon-16.png"/>
$i    <bt:Image id="Icon.32" DefaultValue="$base/icons/icon-32.png"/>
$i    <bt:Image id="Icon.80" DefaultValue="$base/icons/icon-80.png"/>
$i  </bt:Images>
$i  <bt:Urls>
$i    <bt:Url id="Pane.Url" DefaultValue="$base/taskpane.html"/>
$i    <bt:Url id="Commands.Url" DefaultValue="$base/onsend.html"/>
$extra_urls$i  </bt:Urls>
$i  <bt:ShortStrings>
$i    <bt:String id="Group.Label" DefaultValue="Tactful"/>
$i    <bt:String id="Pane.Label" DefaultValue="Check tone"/>
$i  </bt:ShortStrings>
$i  <bt:LongStrings>
$i    <bt:String id="Pane.Tooltip" DefaultValue="Check this draft for phrases that could hurt \
the relationship, and cushion them."/>
$i  </bt:LongStrings>
$i</Resources>
"""

_RESOURCES = Template(_RESOURCE_BODY).safe_substitute(i="    ", extra_urls="")
_RESOURCES_ONSEND = Template(_RESOURCE_BODY).safe_substitute(i="      ", extra_urls="""\
          <bt:Url id="WebViewRuntime.Url" DefaultValue="$base/onsend.html"/>
          <bt:Url id="JSRuntime.Url" DefaultValue="$base/onsend.js"/>
""")


if __name__ == "__main__":
    sys.exit(main())
