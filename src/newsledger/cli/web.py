"""`newsledger web`: the correction log in a browser, always current, with review forms
(the app is newsledger.outputs.web; this module only reads the options and starts it).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from newsledger.cli.common import UserError, add_command, db_argument
from newsledger.config import load_settings

SECRET_ENV = "NEWSLEDGER_WEB_SECRET"


def cmd_web(args: argparse.Namespace) -> int:
    from newsledger.outputs.web import WebSettings, serve
    from newsledger.outputs.web_security import WebConfigError, check_bind
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    secret = args.secret or os.environ.get(SECRET_ENV) or None
    try:
        check_bind(args.host, secret)
    except WebConfigError as error:
        raise UserError(str(error)) from None
    db_path = settings.db_path.resolve()
    with Warehouse.open(db_path, read_only=True, wait_s=30):
        pass  # a missing or foreign file is one clear line now, not an error page later

    def ready(url: str) -> None:
        login = " (log in with the secret)" if secret else ""
        # Plain print: the address is what scripts and tests read from the first line.
        print(f"newsledger web: serving {db_path} at {url}{login}; Ctrl-C stops", flush=True)

    try:
        serve(WebSettings(db_path=db_path, secret=secret), args.host, args.port, ready)
    except OSError as error:
        raise UserError(
            f"cannot listen on {args.host}:{args.port}: {error.strerror or error} "
            "(pick another --port, or --port 0 for a free one)"
        ) from None
    return 0


def add_web_command(commands: Any) -> None:
    web = add_command(
        commands,
        "web",
        "serve the correction log in the browser, always current, with review forms on "
        "every entry and a diff of any two versions of a report",
        "newsledger web --port 8765   # then open http://127.0.0.1:8765/",
        cmd_web,
    )
    web.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; any other needs a secret)",
    )
    web.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free)")
    web.add_argument(
        "--secret",
        help=f"password editors log in with (default: ${SECRET_ENV}, which keeps it out of "
        "the process list); required to listen beyond loopback",
    )
    db_argument(web)
