"""`--data DIR | --store URL`: where the operator's commands find a store (`ilot rooms`,
`ilot replay`, `ilot debrief`, `ilot log export|import`).

`--store` names a PostgreSQL store (`postgresql://…`, as `ilot serve --store`); `--data` a data
directory, or a URL too (as `ilot serve --data` accepts one). Neither: the default data
directory.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ilot.game.storage import default_data_dir
from ilot.game.storage.pg import is_store_url
from ilot.game.text import Lang


def add_store_options(p: argparse.ArgumentParser, lang: Lang, data_help: str | None = None) -> None:
    t = lang.t

    def url(text: str) -> str:
        if not is_store_url(text):
            raise argparse.ArgumentTypeError(t("pg.cli.not_url", url=text))
        return text

    group = p.add_mutually_exclusive_group()
    group.add_argument("--data", metavar=t("cli.metavar.dir"),
                       help=data_help or t("debrief.cli.data", dir=default_data_dir()))
    group.add_argument("--store", metavar="URL", type=url, help=t("pgdata.cli.store"))


def store_source(args: argparse.Namespace) -> str | Path:
    """The store the options name: a PostgreSQL URL or a data directory."""
    return args.store or args.data or default_data_dir()
