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


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ["code"]

    code = "200035715"
    name = "CA Carcassonne Agglo"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["insee"]

    insee = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
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

    name = "Commerce"
    slug = "commerce"


class MetierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metier
        django_get_or_create = ["name"]

    name = "Vendeur"
    name_feminine = "Vendeuse"
    synonyms = factory.LazyFunction(lambda: ["Conseiller de vente"])
    family = factory.SubFactory(MetierFamilyFactory)
