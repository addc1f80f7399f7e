from django.contrib.postgres.indexes import GinIndex
from django.db import models

from .enums import CommuneKind
from .search_text import metier_search_text, normalize, postal_search, sector_search_text


class Region(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    population = models.PositiveIntegerField(default=0)
    search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):

        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)


class Departement(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    chef_lieu = models.CharField("chef-lieu (code INSEE)", max_length=5, blank=True)
    population = models.PositiveIntegerField(default=0)
    search_name = models.CharField(max_length=100, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):

        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)


class Epci(models.Model):
    code = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=10, blank=True)
    population = models.PositiveIntegerField(default=0)
    search_name = models.CharField(max_length=200, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):

        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)


class Commune(models.Model):
    insee = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, editable=False, default="")
    postal_codes = models.JSONField("codes postaux", default=list, blank=True)
    postal_search = models.CharField(max_length=200, editable=False, default="")
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="arrondissements",
        help_text="commune de rattachement d'un arrondissement municipal",
    )
    kind = models.CharField("type", max_length=30, choices=CommuneKind.choices, default=CommuneKind.COMMUNE)
    population = models.PositiveIntegerField(default=0)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    approximate_location = models.BooleanField("coordonnées approchées", default=False)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_name"], name="commune_search_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["search_name"], name="commune_search_prefix", opclasses=["varchar_pattern_ops"]),
            GinIndex(fields=["postal_search"], name="commune_postal_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["latitude", "longitude"], name="commune_latlon"),
            models.Index(fields=["-population"], name="commune_population"),
        ]

    def __str__(self):
        code = self.postal_codes[0] if self.postal_codes else self.departement_id
        return f"{self.name} ({code})"

    def save(self, *args, **kwargs):

        self.search_name = normalize(self.name)
        self.postal_search = postal_search(self.postal_codes)
        super().save(*args, **kwargs)


class MetierFamily(models.Model):
    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "famille de métiers"
        verbose_name_plural = "familles de métiers"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        for metier in self.metiers.all():  # the family name is part of each métier's search text
            metier.save(update_fields=["search_text"])


class Metier(models.Model):
    name = models.CharField("intitulé (masculin)", max_length=150, unique=True)
    name_feminine = models.CharField("intitulé (féminin)", max_length=150, blank=True)
    synonyms = models.JSONField("synonymes", default=list, blank=True)
    family = models.ForeignKey(MetierFamily, on_delete=models.PROTECT, related_name="metiers")
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "métier"
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_text"], name="metier_search_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        if self.name_feminine and self.name_feminine != self.name:
            return f"{self.name} / {self.name_feminine}"
        return self.name

    def save(self, *args, **kwargs):

        self.search_text = metier_search_text(self)
        super().save(*args, **kwargs)


class Sector(models.Model):
    """NAF rév. 2: sections (one letter) and sub-classes (``62.01Z``)."""

    code = models.CharField("code NAF", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    section = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="subclasses")
    search_text = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        verbose_name = "secteur d'activité (NAF)"
        verbose_name_plural = "secteurs d'activité (NAF)"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}" if self.section_id else self.label

    def save(self, *args, **kwargs):

        self.search_text = sector_search_text(self)
        super().save(*args, **kwargs)


class ReferentialImport(models.Model):
    """One row per data file loaded by ``load_referentials``: a file whose checksum has not changed is skipped."""

    dataset = models.CharField("jeu de données", max_length=50, unique=True)
    checksum = models.CharField("empreinte", max_length=64)
    rows = models.PositiveIntegerField("lignes", default=0)
    loaded_at = models.DateTimeField("chargé le", auto_now=True)

    class Meta:
        verbose_name = "import de référentiel"
        verbose_name_plural = "imports de référentiels"
        ordering = ["dataset"]

    def __str__(self):
        return self.dataset
