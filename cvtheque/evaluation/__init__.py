"""The CV search's relevance instrument (issue 14): a graded evaluation set generated from facts
(``catalog``, ``generator``), one grading rule per recruiter query (``queries``), the metrics
(``metrics``), the BM25 anchor engine (``anchor``, tantivy: installed only for the benchmark) and
the run that compares them (``run``, used by ``manage.py bench_cv_relevance``)."""
