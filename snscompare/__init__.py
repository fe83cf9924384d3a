"""snscompare: compare Japanese municipalities' social-media operating policies
clause by clause.

Pipeline (each step a plain function over dataclasses / DataFrames):
read → segment into clauses → normalize → align to the taxonomy → tables → export.
The library never imports streamlit; the dashboard and CLI are thin wrappers.
"""
__version__ = "0.1.0"
