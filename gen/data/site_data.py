"""The site's data files, beside its pages: the downloads, the plan explorer's data and the compare page's."""

from __future__ import annotations

from gen.data.compare_data import compare_data
from gen.data.downloads import download_files
from gen.data.explorer_data import explorer_files
from gen.memo import Memo, NoMemo
from gen.model.site_model import Site


def site_data_files(site: Site, memo: Memo = NoMemo()) -> dict[str, str]:
    """Every generated file that is not a page, by path from the site root."""
    compare_path, compare_text = compare_data(site)
    return {**download_files(site, memo), **explorer_files(site), compare_path: compare_text}
