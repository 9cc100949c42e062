"""Nothing may download at run time: NLTK data, model hubs. Fail loudly if anything tries."""

import socket
import subprocess
import sys
import textwrap


def test_analysis_opens_no_network_connection_and_downloads_nothing():
    script = textwrap.dedent(
        """
        import socket, sys, types
        def refuse(*a, **k):
            raise AssertionError("network access attempted: %r" % (a,))
        socket.socket.connect = refuse
        socket.create_connection = refuse
        # If anything imports nltk and calls download, fail.
        fake = types.ModuleType("nltk")
        fake.download = lambda *a, **k: refuse("nltk.download", a)
        sys.modules.setdefault("nltk", fake)
        import tactful
        r = tactful.analyze("No. You should have told us!!! Honestly, this is ridiculous.")
        tactful.rewrite("We can't do that. Are you serious?")
        assert r["readability"]["words"] > 0
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_network_guard_itself_works():
    # The guard above must actually bite, or the test proves nothing.
    script = (
        "import socket\n"
        "socket.socket.connect = lambda *a: (_ for _ in ()).throw(AssertionError('net'))\n"
        "s = socket.socket(); s.connect(('127.0.0.1', 9))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode != 0 and "net" in out.stderr
    assert socket is not None
