"""Demo companies of the Carcassonne area, online, with generated logos and banners.

Idempotent: companies are found by SIRET, images are generated only when missing. The demo
recruiters (accounts.demo) are members: Sophie Durand (recruteur@) runs « Boulangerie du Canal »."""

import datetime
import io
import random
import unicodedata

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from stdnum import luhn

from referentials.models import Commune, Departement, Region, Sector
from toolkit.richtext import sanitize_html

from .enums import CompanySize, MembershipRole, MembershipStatus
from .models import Company, Membership

SECTIONS = {
    "C": "Industrie manufacturière",
    "F": "Construction",
    "G": "Commerce ; réparation d'automobiles et de motocycles",
    "I": "Hébergement et restauration",
    "Q": "Santé humaine et action sociale",
}
SECTORS = {
    "10.71C": ("C", "Boulangerie et boulangerie-pâtisserie"),
    "43.21A": ("F", "Travaux d'installation électrique dans tous locaux"),
    "47.11F": ("G", "Hypermarchés"),
    "55.10Z": ("I", "Hôtels et hébergement similaire"),
    "88.10A": ("Q", "Aide à domicile"),
}
COMMUNES = {
    # insee: (name, postal code, latitude, longitude, population)
    "11069": ("Carcassonne", "11000", 43.2130, 2.3491, 46513),
    "11076": ("Castelnaudary", "11400", 43.3183, 1.9539, 11950),
    "11203": ("Lézignan-Corbières", "11200", 43.2006, 2.7578, 11712),
    "11206": ("Limoux", "11300", 43.0546, 2.2186, 10286),
    "11397": ("Trèbes", "11800", 43.2108, 2.4411, 5712),
}

COMPANIES = [
    {
        "siren": "51234567", "nic": "015", "name": "Boulangerie du Canal", "sector": "10.71C",
        "size": CompanySize.MICRO, "members": ["recruteur@demo.terredemplois.fr"],
        "colors": ((190, 120, 50), (250, 226, 180)), "commune": "11069",
        "street_number": "12", "street_name": "quai Riquet", "phone": "04 68 25 12 34",
        "email": "contact@boulangerie-du-canal.fr", "employee_count": 8, "founded_on": datetime.date(1987, 5, 4),
        "website": "https://www.boulangerie-du-canal.fr",
        "facebook_url": "https://www.facebook.com/boulangeriducanal",
        "instagram_url": "https://www.instagram.com/boulangeriducanal",
        "description": (
            "<h2>Du pain au levain, au bord du canal du Midi</h2>"
            "<p>Installée quai Riquet depuis 1987, la <strong>Boulangerie du Canal</strong> pétrit chaque nuit "
            "ses pains au levain naturel avec des farines de meuniers audois. Viennoiseries pur beurre, "
            "fougasses aux olives de Bize et gâteaux de fête sortent de notre fournil sept jours sur sept.</p>"
            "<h3>Travailler chez nous</h3><ul><li>Une équipe de huit personnes, dont deux apprentis</li>"
            "<li>Horaires de nuit compensés et deux jours de repos consécutifs</li>"
            "<li>Formation au levain et à la pâtisserie assurée par le chef boulanger</li></ul>"
            "<p>Nous accueillons chaque année des apprentis du CFA de l'Aude.</p>"
        ),
    },
    {
        "siren": "52345678", "nic": "021", "name": "Hôtel des Remparts", "sector": "55.10Z",
        "size": CompanySize.PME, "members": ["recruteur2@demo.terredemplois.fr"],
        "colors": ((60, 70, 110), (215, 200, 160)), "commune": "11069",
        "street_number": "3", "street_name": "place du Grand Puits", "phone": "04 68 71 27 72",
        "email": "recrutement@hotel-des-remparts.fr", "employee_count": 34, "founded_on": datetime.date(1998, 3, 1),
        "website": "https://www.hotel-des-remparts.fr",
        "linkedin_url": "https://www.linkedin.com/company/hotel-des-remparts",
        "description": (
            "<h2>Un hôtel de caractère au pied de la Cité</h2>"
            "<p>Quarante-deux chambres, un restaurant de cuisine occitane et une terrasse face aux remparts : "
            "l'<strong>Hôtel des Remparts</strong> accueille des voyageurs du monde entier toute l'année.</p>"
            "<p>Nous recrutons pour la saison et à l'année : réceptionnistes, femmes et valets de chambre, "
            "commis de cuisine, serveurs et serveuses. Logement possible pour les saisonniers.</p>"
        ),
    },
    {
        "siren": "53456789", "nic": "032", "name": "Hyper Cité Carcassonne", "sector": "47.11F",
        "size": CompanySize.ETI, "members": ["recruteur3@demo.terredemplois.fr"],
        "colors": ((200, 40, 45), (245, 245, 245)), "commune": "11069",
        "street_number": "", "street_name": "route de Narbonne, zone de Salvaza", "phone": "04 68 47 90 00",
        "email": "emploi@hypercite-carcassonne.fr", "employee_count": 310, "founded_on": datetime.date(1976, 9, 15),
        "website": "https://www.hypercite-carcassonne.fr", "twitter_url": "https://x.com/hypercite11",
        "youtube_url": "https://www.youtube.com/@hypercite11",
        "description": (
            "<h2>Le commerce de proximité, en grand</h2>"
            "<p>Premier employeur privé de la zone de Salvaza, <strong>Hyper Cité</strong> réunit 310 "
            "collaborateurs : hôtes et hôtesses de caisse, employés libre-service, bouchers, boulangers, "
            "préparateurs de commandes pour le drive.</p>"
            "<p>Nous privilégions les produits de l'Aude et formons nos équipes en interne : plus de la moitié "
            "de nos chefs de rayon ont commencé en caisse ou en rayon.</p>"
        ),
    },
    {
        "siren": "54567890", "nic": "047", "name": "Aide et Présence Carcassonnais", "sector": "88.10A",
        "size": CompanySize.PME, "members": [],
        "colors": ((40, 130, 110), (220, 240, 230)), "commune": "11076",
        "street_number": "7", "street_name": "avenue Frédéric Mistral", "phone": "04 68 23 45 67",
        "email": "contact@aide-presence-11.fr", "employee_count": 58, "founded_on": datetime.date(2004, 1, 12),
        "website": "https://www.aide-presence-11.fr",
        "description": (
            "<h2>Aider à vivre chez soi</h2>"
            "<p>Notre association accompagne 400 personnes âgées ou en situation de handicap du Lauragais "
            "et du Carcassonnais : aide à la toilette, repas, courses, ménage, sorties.</p>"
            "<p>Nous recrutons des <strong>aides à domicile</strong> et des <strong>auxiliaires de vie</strong>, "
            "débutants acceptés : formation, tutorat et indemnités kilométriques. Permis B indispensable.</p>"
        ),
    },
    {
        "siren": "55678901", "nic": "058", "name": "Électricité Minervois Services", "sector": "43.21A",
        "size": CompanySize.MICRO, "members": [],
        "colors": ((240, 180, 20), (40, 40, 40)), "commune": "11203",
        "street_number": "24", "street_name": "avenue des Corbières", "phone": "04 68 27 11 09",
        "email": "contact@ems-electricite.fr", "employee_count": 6, "founded_on": datetime.date(2012, 6, 1),
        "website": "https://www.ems-electricite.fr",
        "description": (
            "<p><strong>Électricité Minervois Services</strong> réalise l'installation et la rénovation "
            "électrique de maisons, caves et commerces entre Lézignan et Carcassonne, ainsi que la pose de "
            "bornes de recharge et de panneaux photovoltaïques.</p>"
            "<p>Qualifiés IRVE et RGE, nous cherchons régulièrement des électriciens et électriciennes du "
            "bâtiment, confirmés ou en alternance.</p>"
        ),
    },
]


def siret(siren8: str, nic3: str) -> str:
    """A valid SIRET (Luhn on the SIREN and on the 14 digits) from 8 + 3 digits."""
    siren = siren8 + luhn.calc_check_digit(siren8)
    head = siren + "0" + nic3
    return next(head + d for d in "0123456789" if luhn.is_valid(head + d))


def sector(code: str) -> Sector:
    found = Sector.objects.filter(code=code).first()
    if found:
        return found
    section_code, label = SECTORS[code]
    section, _ = Sector.objects.get_or_create(code=section_code, defaults={"label": SECTIONS[section_code]})
    return Sector.objects.get_or_create(code=code, defaults={"label": label, "section": section})[0]


def commune(insee: str) -> Commune:
    found = Commune.objects.filter(insee=insee).first()
    if found:
        return found
    region, _ = Region.objects.get_or_create(code="76", defaults={"name": "Occitanie"})
    aude, _ = Departement.objects.get_or_create(code="11", defaults={"name": "Aude", "region": region,
                                                                     "chef_lieu": "11069"})
    name, postal_code, lat, lon, population = COMMUNES[insee]
    return Commune.objects.get_or_create(insee=insee, defaults={
        "name": name, "postal_codes": [postal_code], "departement": aude, "latitude": lat, "longitude": lon,
        "population": population,
    })[0]


def _drawable(text: str) -> str:
    """Pillow's built-in font has no accented capitals: draw « Hotel » rather than a missing glyph."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def logo_image(name: str, background, foreground) -> ContentFile:
    image = Image.new("RGB", (400, 400), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 30, 370, 370), outline=foreground, width=14)
    initials = "".join(word[0] for word in _drawable(name).split() if word[0].isupper())[:3]
    draw.text((200, 200), initials, fill=foreground, font=_font(130), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="logo.png")


def banner_image(name: str, dark, light) -> ContentFile:
    width, height = 1600, 400
    image = Image.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    for x in range(width):  # horizontal gradient from dark to light
        t = x / width
        draw.line([(x, 0), (x, height)], fill=tuple(int(d + (lt - d) * t) for d, lt in zip(dark, light, strict=True)))
    rng = random.Random(name)
    for _ in range(14):  # rolling hills, like the Corbières
        cx, r = rng.randint(0, width), rng.randint(80, 260)
        shade = tuple(max(0, c - rng.randint(10, 50)) for c in dark)
        draw.ellipse((cx - r * 2, height - r // 2, cx + r * 2, height + r * 2), fill=shade)
    draw.text((60, 60), _drawable(name), fill=(255, 255, 255), font=_font(64))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue(), name="banniere.jpg")


def load(stdout):
    User = get_user_model()
    for spec in COMPANIES:
        company, created = Company.objects.get_or_create(
            siret=siret(spec["siren"], spec["nic"]),
            defaults={"name": spec["name"], "sector": sector(spec["sector"]), "size": spec["size"]},
        )
        if created or not company.is_online:
            for field in ["street_number", "street_name", "phone", "email", "employee_count", "founded_on",
                          "website", "twitter_url", "facebook_url", "instagram_url", "linkedin_url", "youtube_url"]:
                setattr(company, field, spec.get(field, ""))
            company.commune = commune(spec["commune"])
            company.description = sanitize_html(spec["description"])
            company.is_online = True
        if not company.logo:
            company.logo.save(f"{company.slug}.png", logo_image(spec["name"], *spec["colors"]), save=False)
        if not company.banner:
            company.banner.save(f"{company.slug}.jpg", banner_image(spec["name"], *spec["colors"]), save=False)
        company.save()
        for i, email in enumerate(spec["members"]):
            user = User.objects.filter(email=email).first()
            if user is None:
                continue
            Membership.objects.get_or_create(company=company, user=user, defaults={
                "role": MembershipRole.ADMIN if i == 0 else MembershipRole.MEMBER,
                "status": MembershipStatus.ACCEPTED,
            })
    stdout.write(f"Entreprises de démonstration : {len(COMPANIES)} fiches en ligne.")
