"""Storage of the CV table for the search (see cvtheque/search.py):

- ``search_vector`` (ranked for every match) stays inline in the row (STORAGE MAIN) and the big texts
  (extracted text, full-text vector, experience…) move to TOAST (``toast_tuple_target``): ranking
  thousands of matches no longer fetches a TOAST chunk per row, and the heap is narrow.
- ``fulltext_vector`` keeps no statistics: the planner then always uses its GIN index (a sequential
  scan would decompress every row's full-text vector, which its cost model does not see)."""

from django.db import migrations

FORWARD = """
ALTER TABLE cvtheque_cv ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE cvtheque_cv SET (toast_tuple_target = 256);
ALTER TABLE cvtheque_cv ALTER COLUMN fulltext_vector SET STATISTICS 0;
"""
BACKWARD = """
ALTER TABLE cvtheque_cv ALTER COLUMN search_vector SET STORAGE EXTENDED;
ALTER TABLE cvtheque_cv RESET (toast_tuple_target);
ALTER TABLE cvtheque_cv ALTER COLUMN fulltext_vector SET STATISTICS -1;
"""


class Migration(migrations.Migration):
    dependencies = [("cvtheque", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
