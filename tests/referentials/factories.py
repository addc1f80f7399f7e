"""Referential factories. The test database holds the real referentials (tests/conftest.py), so these factories
return the real rows when they exist (Aude « 11 », Occitanie « 76 », CA Carcassonne Agglo, Carcassonne « 11069 »,
NAF 47.11F, the métier « Vendeur »…) and make up new ones only with codes that no real row uses."""

import itertools

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


_fake_insee = itertools.count()


class CommuneFactory(factory.django.DjangoModelFactory):
    """``CommuneFactory()`` makes up a commune of the Aude (INSEE code « X0001 »…, never a real one).
    The real commune is returned for ``CommuneFactory(carcassonne=True)``, ``CommuneFactory(insee="11076")``
    and ``CommuneFactory(name="Castelnaudary")`` (a real name, in ``departement`` when given, the most
    populous otherwise); the other attributes given are then ignored."""

    class Meta:
        model = Commune

    class Params:
        carcassonne = factory.Trait(insee="11069", name="Carcassonne", postal_codes=["11000"], population=46080)
        castelnaudary = factory.Trait(insee="11076", name="Castelnaudary", postal_codes=["11400"], population=12151)

    insee = None
    name = factory.Sequence(lambda n: f"Commune de test {n}")
    postal_codes = factory.LazyFunction(lambda: ["11000"])
    departement = factory.SubFactory(DepartementFactory)
    population = 1000
    latitude = 43.21
    longitude = 2.35

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("insee") is None:
            real = model_class.objects.filter(name=kwargs["name"])
            if kwargs.get("departement") is not None:
                real = real.filter(departement=kwargs["departement"])
            found = real.order_by("-population").first()
            if found is not None:
                return found
            kwargs["insee"] = f"X{next(_fake_insee) % 10000:04d}"
        existing = model_class.objects.filter(insee=kwargs["insee"]).first()
        return existing or super()._create(model_class, *args, **kwargs)


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
