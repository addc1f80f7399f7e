"""Referential factories. The test database holds the real referentials (tests/conftest.py), so these factories
return the real rows when they exist (Aude « 11 », Occitanie « 76 », CA Carcassonne Agglo, Carcassonne « 11069 »,
NAF 47.11F, the métier « Vendeur »…) and make up new ones only with codes that no real row uses."""

import factory

from referentials.models import Commune, Departement, Epci, Metier, MetierFamily, Region, Sector


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "76"
    name = "Occitanie"


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = "11"
    name = "Aude"
    region = factory.SubFactory(RegionFactory)
    chef_lieu = "11069"


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ["code"]

    code = "200035715"
    name = "CA Carcassonne Agglo"
    kind = "CA"


class CommuneFactory(factory.django.DjangoModelFactory):
    """``CommuneFactory()`` makes up a commune of the Aude (INSEE code « X0001 »…, never a real one);
    ``CommuneFactory(carcassonne=True)`` / ``CommuneFactory(insee="11076")`` return the real commune."""

    class Meta:
        model = Commune
        django_get_or_create = ["insee"]

    class Params:
        carcassonne = factory.Trait(insee="11069", name="Carcassonne", postal_codes=["11000"], population=46080)
        castelnaudary = factory.Trait(insee="11076", name="Castelnaudary", postal_codes=["11400"], population=12151)

    insee = factory.Sequence(lambda n: f"X{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Commune de test {n}")
    postal_codes = factory.LazyFunction(lambda: ["11000"])
    departement = factory.SubFactory(DepartementFactory)
    population = 1000
    latitude = 43.21
    longitude = 2.35


class SectorSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = "G"
    label = "Commerce ; réparation d'automobiles et de motocycles"


class SectorFactory(factory.django.DjangoModelFactory):
    """Real NAF sub-classes: ``SectorFactory()`` is 47.11F Hypermarchés; ``SectorFactory(code="62.01Z")``…"""

    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = "47.11F"
    label = "Hypermarchés"
    section = factory.SubFactory(SectorSectionFactory)


class MetierFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetierFamily
        django_get_or_create = ["slug"]

    name = "Commerce et vente"
    slug = "commerce-et-vente"


class MetierFactory(factory.django.DjangoModelFactory):
    """``MetierFactory()`` is the real « Vendeur / Vendeuse »; ``MetierFactory(name="Soudeur")`` the real soudeur;
    an unknown name makes a new métier in the family « Commerce et vente »."""

    class Meta:
        model = Metier
        django_get_or_create = ["name"]

    name = "Vendeur"
    name_feminine = "Vendeuse"
    synonyms = factory.LazyFunction(lambda: ["Conseiller de vente"])
    family = factory.SubFactory(MetierFamilyFactory)
