"""Behind a reverse proxy, X-Forwarded-For is trusted only when TRUSTED_PROXIES says so,
so that rate limits count writers rather than the proxy."""

from tactful.web import create_app


def _client_ip(config: dict, forwarded: str | None) -> str:
    app = create_app(config)

    @app.get("/_whoami")
    def whoami():
        from flask import request

        return request.remote_addr or ""

    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return app.test_client().get("/_whoami", headers=headers,
                                 environ_base={"REMOTE_ADDR": "10.0.0.9"}).get_data(as_text=True)


def test_forwarded_header_is_ignored_by_default():
    assert _client_ip({}, "203.0.113.7") == "10.0.0.9"


def test_forwarded_header_is_trusted_behind_one_proxy():
    assert _client_ip({"TRUSTED_PROXIES": 1}, "203.0.113.7") == "203.0.113.7"
