"""The site model: the corpus's records arranged as the site shows them (systems, papers, titles,
tasks, agreement between plans, statistics), before any page is written.
"""
