"""Data files: the downloads, the explorer's data and the search index, written from the site model.
"""
