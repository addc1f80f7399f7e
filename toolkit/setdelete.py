"""Set-based deletion: a fixed number of SQL statements whatever the number of rows.

``QuerySet.delete()`` runs Django's collector: as soon as a model has a ``post_delete`` receiver or
rows pointing to it, it loads every row and deletes in batches, one statement per batch and per
relation, so the number of queries grows with the rows. ``delete_set(queryset)`` deletes the same
thing with one statement per relation instead:

- rows of other models pointing to it with ``on_delete=CASCADE`` are deleted (these models must be
  leaves: nothing points to them, no file field), ``SET_NULL`` ones are set to NULL (``DO_NOTHING``
  ones are left to the database, ``PROTECT`` / ``RESTRICT`` / others are refused);
- the files of the model's ``FileField`` columns are removed from their storage once the transaction
  commits (what the models' ``post_delete`` receivers do one row at a time);
- no signal is sent: a caller uses it only on models whose delete receivers only remove files (its
  tests pin the receivers, so that a new one is seen).
"""

from django.db import models, transaction

SET_NULL_RULES = (models.SET_NULL, models.DB_SET_NULL)
CASCADE_RULES = (models.CASCADE, models.DB_CASCADE)


class SetDeleteError(Exception):
    """A relation ``delete_set`` does not know how to settle in one statement."""


def _file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _relations_to(model) -> list:
    """The relations of other models pointing to ``model``, hidden ones (many-to-many tables) included: what
    Django's collector looks at (``deletion.get_candidate_relations_to_delete``)."""
    return [f for f in model._meta.get_fields(include_hidden=True)
            if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)]


def _check_leaf(model) -> None:
    if _relations_to(model) or _file_fields(model):
        raise SetDeleteError(f"{model._meta.label} has rows or files of its own: delete_set cannot cascade to it.")


def delete_set(queryset) -> int:
    """Delete the rows of ``queryset`` (and settle what points to them), with one statement per relation
    and per file field: returns the number of rows deleted. Call it inside a transaction. A relation it
    cannot settle raises ``SetDeleteError`` before any statement is run."""
    model, db = queryset.model, queryset.db
    ids = queryset.order_by().values("pk")
    steps = []
    for rel in _relations_to(model):
        field, rule = rel.field, rel.on_delete
        related = rel.related_model._base_manager.using(db).filter(**{f"{field.name}__in": ids})
        if rule in CASCADE_RULES:
            _check_leaf(rel.related_model)
            steps.append(lambda related=related: related._raw_delete(db))
        elif rule in SET_NULL_RULES:
            steps.append(lambda related=related, name=field.name: related.update(**{name: None}))
        elif rule is not models.DO_NOTHING:
            raise SetDeleteError(f"{field} ({rule.__name__}): delete_set does not settle this rule.")
    for step in steps:
        step()
    files = []
    for field in _file_fields(model):
        names = list(model._base_manager.using(db).filter(pk__in=ids).exclude(**{field.name: ""})
                     .exclude(**{f"{field.name}__isnull": True}).values_list(field.name, flat=True))
        files.extend((field.storage, name) for name in names)
    deleted = model._base_manager.using(db).filter(pk__in=ids)._raw_delete(db)
    if files:
        transaction.on_commit(lambda: _remove_files(files), using=db)
    return deleted


def _remove_files(files) -> None:
    for storage, name in files:
        storage.delete(name)
