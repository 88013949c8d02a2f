#!/usr/bin/env bash
# Refreshes metadata/ from the vendors' published packages (network: PyPI only), so that
# `cloudspec drift` can tell what changed upstream.
#
#   scripts/refresh_metadata.sh [TCCLI_INTL_EN_VERSION] [TCCLI_VERSION]
#
# Tencent: `api.json` and `examples.json` of every service we cover, from tccli-intl-en (English)
# and tccli (Chinese, into zh/). errors.json is recorded separately (metadata/README.md says from
# where). Alibaba: the api-docs files are replaced by hand with the vendor's newer ones (the
# metadata served for each product and version); the script does not fetch them.
set -euo pipefail
cd "$(dirname "$0")/.."

en_version=${1:-}
zh_version=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pip download --quiet --no-deps --dest "$work/en" "tccli-intl-en${en_version:+==$en_version}"
pip download --quiet --no-deps --dest "$work/zh" "tccli${zh_version:+==$zh_version}"

python3 - "$work" <<'PY'
import glob, sys, zipfile, pathlib
work = sys.argv[1]
# product, tccli's version directory, our version directory
services = [("cvm", "v20170312", "2017-03-12")]
for lang, sub in (("en", ""), ("zh", "zh")):
    wheel = zipfile.ZipFile(glob.glob(f"{work}/{lang}/*.whl")[0])
    for product, tccli_dir, version in services:
        target = pathlib.Path("metadata/tencent") / product / version / sub
        target.mkdir(parents=True, exist_ok=True)
        for name in ("api.json", "examples.json"):
            data = wheel.read(f"tccli/services/{product}/{tccli_dir}/{name}")
            (target / name).write_bytes(data)
        print(f"{wheel.filename.split('/')[-1]}: {target}/api.json, examples.json")
PY
echo "now: cargo run -p cloudspec -- drift metadata/tencent/cvm/2017-03-12/api.json metadata/alibaba/*/*/api-docs.json"
