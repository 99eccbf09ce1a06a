"""The site's data files, beside its pages: the downloads and the plan explorer's data."""

from __future__ import annotations

from gen.data.downloads import download_files
from gen.data.explorer_data import explorer_files
from gen.memo import Memo, NoMemo
from gen.model.site_model import Site


def site_data_files(site: Site, memo: Memo = NoMemo()) -> dict[str, str]:
    """Every generated file that is not a page, by path from the site root."""
    return {**download_files(site, memo), **explorer_files(site)}
