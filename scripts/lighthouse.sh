#!/bin/sh
# Lighthouse (accessibility, best practices, SEO) on the public pages of a local server, with Debian's Chromium.
# Lighthouse itself is not a dependency of the project: install it in a scratch directory and run from there.
#   mkdir -p /tmp/lh && cd /tmp/lh && npm init -y && npm install lighthouse@12
#   (in another terminal: make run, or PORT=8718 … devservices run)
#   sh /path/to/scripts/lighthouse.sh http://127.0.0.1:8000 / /offres/ /entreprises/ /offres/<slug>-<pk>/ …
# Prints each page's three scores and the audits that did not pass; the JSON reports stay in the directory.
BASE=$1; shift
for path in "$@"; do
  name=$(echo "$path" | tr '/' '_')
  CHROME_PATH=/usr/bin/chromium timeout 240 ./node_modules/.bin/lighthouse "$BASE$path" --quiet \
    --only-categories=accessibility,best-practices,seo --output=json --output-path="report$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" >/dev/null 2>"err$name.log"
  node -e "const r=require('./report$name.json');const c=r.categories;console.log('$path', Object.values(c).map(x=>x.id+'='+Math.round(x.score*100)).join(' '));for(const a of Object.values(r.audits)){if(a.score!==null&&a.score<1&&a.scoreDisplayMode!=='informative'&&a.scoreDisplayMode!=='notApplicable'&&a.scoreDisplayMode!=='manual')console.log('   FAIL',a.id,'-',a.title)}" || tail -3 "err$name.log"
done
