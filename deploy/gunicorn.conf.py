"""Production settings for `gunicorn -c deploy/gunicorn.conf.py` (no app argument needed).

The settings live in the package (tactful/web/gunicorn_conf.py) so that `tactful serve`
uses exactly the same ones when installed from a wheel; see that file for the
TACTFUL_* environment variables that change them.
"""

from tactful.web.gunicorn_conf import *  # noqa: F403
from tactful.web.gunicorn_conf import child_exit, on_exit, when_ready  # noqa: F401  (hooks, explicit)
