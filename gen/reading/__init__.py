"""Reading: trajectory files and metadata, bytes in, typed records (gen.records) and diagnostics out.

Plain Python; nothing here knows about pages or engines.
"""
