"""The event ontology: PLOVER types, modes, contexts and sectors; CAMEO codes and Goldstein scores.

The knowledge lives in two data files under ``communique/data/ontology/``:

* ``plover.yaml`` -- the 16 PLOVER event types (description, quad class, intensity, typical CAMEO
  code, symmetry, modes), the PLOVER contexts and the actor sectors;
* ``cameo.tsv``   -- every CAMEO event code with a label, its Goldstein score and its PLOVER
  type / mode / context(s).

Both files are read once per process (``functools.lru_cache``).  Users can override or extend them
without touching the package: point the environment variable ``COMMUNIQUE_ONTOLOGY`` at a directory
holding a ``plover.yaml`` and/or a ``cameo.tsv``.  Entries there win, key by key:

* ``plover.yaml``: a type's fields are replaced one by one, its modes are merged by mode name, and
  contexts and sectors are merged by name; new types, modes, contexts and sectors are added.
* ``cameo.tsv``: rows replace ours code by code (only the columns named in the override file's header
  are replaced); new codes are added.

Call :func:`reload` after changing the variable or the files in a running process.
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ENV_VAR = "COMMUNIQUE_ONTOLOGY"
DATA_DIR = Path(__file__).resolve().parent / "data" / "ontology"
CAMEO_COLUMNS = ("code", "label", "goldstein", "plover_type", "plover_mode", "plover_context", "quad_class")

__all__ = [
    "ENV_VAR",
    "CameoCode",
    "Mode",
    "PloverType",
    "cameo",
    "cameo_codes",
    "contexts",
    "default_cameo",
    "goldstein",
    "intensity",
    "plover_for_cameo",
    "plover_type",
    "plover_types",
    "problems",
    "quad_class",
    "reload",
    "sectors",
]


@dataclass(frozen=True)
class Mode:
    name: str
    description: str = ""
    cameo: str | None = None          # CAMEO code typical of type + mode, when there is one
    intensity: float | None = None    # score of type + mode; None: the type's score applies


@dataclass(frozen=True)
class PloverType:
    name: str
    description: str
    quad_class: int                   # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float                  # -10 .. +10, cooperation positive
    cameo: str | None                 # typical CAMEO code ("040")
    symmetric: bool = False           # actor and recipient are interchangeable (CONSULT, AGREE, COOPERATE)
    requires_recipient: bool = False
    modes: dict[str, Mode] = field(default_factory=dict)


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None        # one context, or several joined by ';'
    quad_class: int | None            # CAMEO/GDELT quad class of the code

    @property
    def contexts(self) -> list[str]:
        """The PLOVER contexts of the code as a list (``plover_context`` split on ';')."""
        return [c.strip() for c in (self.plover_context or "").split(";") if c.strip()]


# ---------------------------------------------------------------------------------------------
# reading and merging the files
# ---------------------------------------------------------------------------------------------

def _override_dir() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(f"{ENV_VAR}={value!r} is not a directory")
    return path


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _as_mapping(value: Any, what: str, path: Path) -> dict[str, Any]:
    """Contexts and sectors may be written as a mapping or as a list of {name, description}."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        out = {}
        for item in value:
            if isinstance(item, dict) and "name" in item:
                out[str(item["name"])] = item.get("description", "")
            elif isinstance(item, str):
                out[item] = ""
            else:
                raise ValueError(f"{path}: bad entry in {what}: {item!r}")
        return out
    raise ValueError(f"{path}: {what} must be a mapping or a list")


def _merge_plover(base: dict[str, Any], extra: dict[str, Any], path: Path) -> dict[str, Any]:
    merged = {"types": {k: dict(v or {}) for k, v in (base.get("types") or {}).items()},
              "contexts": dict(base.get("contexts") or {}), "sectors": dict(base.get("sectors") or {})}
    for name, fields in (extra.get("types") or {}).items():
        name = str(name).upper()
        fields = dict(fields or {})
        target = merged["types"].setdefault(name, {})
        modes = {k: dict(v or {}) for k, v in (target.get("modes") or {}).items()}
        for mname, mfields in (fields.pop("modes", None) or {}).items():
            modes.setdefault(str(mname).lower(), {}).update(mfields or {})
        target.update(fields)
        target["modes"] = modes
    merged["contexts"].update(_as_mapping(extra.get("contexts"), "contexts", path))
    merged["sectors"].update(_as_mapping(extra.get("sectors"), "sectors", path))
    return merged


def _code(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: CAMEO code {value!r} must be quoted text such as \"040\"")
    return value.strip()


def _opt_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


@functools.lru_cache(maxsize=1)
def _plover_data() -> tuple[dict[str, PloverType], dict[str, str], dict[str, str]]:
    path = DATA_DIR / "plover.yaml"
    raw = _read_yaml(path)
    raw = _merge_plover({}, raw, path)
    extra_dir = _override_dir()
    if extra_dir and (extra_dir / "plover.yaml").is_file():
        extra_path = extra_dir / "plover.yaml"
        raw = _merge_plover(raw, _read_yaml(extra_path), extra_path)
    types: dict[str, PloverType] = {}
    for name, f in raw["types"].items():
        where = f"PLOVER type {name}"
        if "quad_class" not in f or "intensity" not in f:
            raise ValueError(f"{where}: quad_class and intensity are required")
        modes = {m: Mode(name=m, description=str(mf.get("description") or ""),
                         cameo=_code(mf.get("cameo"), f"{where} mode {m}"),
                         intensity=_opt_float(mf.get("intensity")))
                 for m, mf in (f.get("modes") or {}).items()}
        types[name] = PloverType(
            name=name, description=" ".join(str(f.get("description") or "").split()),
            quad_class=int(f["quad_class"]), intensity=float(f["intensity"]),
            cameo=_code(f.get("cameo"), where), symmetric=bool(f.get("symmetric", False)),
            requires_recipient=bool(f.get("requires_recipient", False)), modes=modes)
    ctx = {str(k): str(v or "") for k, v in raw["contexts"].items()}
    sec = {str(k).upper(): str(v or "") for k, v in raw["sectors"].items()}
    return types, ctx, sec


def _read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return [], []
    header = [h.strip() for h in rows[0]]
    if "code" not in header or any(h not in CAMEO_COLUMNS for h in header):
        raise ValueError(f"{path}: header must name columns among {', '.join(CAMEO_COLUMNS)} "
                         f"including 'code'; got {header}")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise ValueError(f"{path}: row {n} has {len(row)} fields, header has {len(header)}")
        row = row + [""] * (len(header) - len(row))
        out.append({h: v.strip() for h, v in zip(header, row)})
    return header, out


@functools.lru_cache(maxsize=1)
def _cameo_table() -> dict[str, CameoCode]:
    _, rows = _read_tsv(DATA_DIR / "cameo.tsv")
    table: dict[str, dict[str, str]] = {r["code"]: r for r in rows}
    extra_dir = _override_dir()
    if extra_dir and (extra_dir / "cameo.tsv").is_file():
        _, extra_rows = _read_tsv(extra_dir / "cameo.tsv")
        for r in extra_rows:
            table.setdefault(r["code"], {c: "" for c in CAMEO_COLUMNS}).update(r)
    result = {}
    for code, r in table.items():
        result[code] = CameoCode(
            code=code, label=r.get("label", ""), goldstein=_opt_float(r.get("goldstein")),
            plover_type=(r.get("plover_type") or "").upper() or None,
            plover_mode=(r.get("plover_mode") or "").lower() or None,
            plover_context=r.get("plover_context") or None,
            quad_class=int(r["quad_class"]) if r.get("quad_class") else None)
    return result


def reload() -> None:
    """Forget the loaded tables (after changing COMMUNIQUE_ONTOLOGY or the files)."""
    _plover_data.cache_clear()
    _cameo_table.cache_clear()


# ---------------------------------------------------------------------------------------------
# public look-ups
# ---------------------------------------------------------------------------------------------

def plover_types() -> dict[str, PloverType]:
    """All PLOVER event types by name."""
    return dict(_plover_data()[0])


def plover_type(name: str) -> PloverType:
    """One PLOVER type by name (case-insensitive); KeyError when unknown."""
    types = _plover_data()[0]
    key = (name or "").strip().upper()
    if key not in types:
        raise KeyError(f"unknown PLOVER event type {name!r}")
    return types[key]


def contexts() -> dict[str, str]:
    """PLOVER contexts: name -> description."""
    return dict(_plover_data()[1])


def sectors() -> dict[str, str]:
    """Actor sector codes: code -> description."""
    return dict(_plover_data()[2])


def cameo_codes() -> dict[str, CameoCode]:
    """The whole CAMEO table by code."""
    return dict(_cameo_table())


def cameo(code: str) -> CameoCode | None:
    """The CAMEO table row of ``code`` ("042"), or None when the code is not in the table."""
    if not code:
        return None
    return _cameo_table().get(str(code).strip())


def _lineage(code: str) -> list[str]:
    """The code itself, then its 3-digit and 2-digit parents."""
    code = str(code).strip()
    chain = [code]
    for n in (3, 2):
        if len(code) > n:
            chain.append(code[:n])
    return chain


def goldstein(code: str) -> float | None:
    """Goldstein score of a CAMEO code, falling back to the 3-digit then the 2-digit parent."""
    if not code:
        return None
    table = _cameo_table()
    for c in _lineage(code):
        row = table.get(c)
        if row is not None and row.goldstein is not None:
            return row.goldstein
    return None


def plover_for_cameo(code: str) -> tuple[str | None, str | None, str | None]:
    """(PLOVER type, mode, context) for a CAMEO code; unknown codes use their nearest known parent.

    The context is the table's text, several contexts joined by ';' (``cameo(code).contexts`` splits
    them).  Codes that PLOVER does not map (CAMEO 01, 02) give (None, None, None).
    """
    if not code:
        return None, None, None
    table = _cameo_table()
    for c in _lineage(code):
        row = table.get(c)
        if row is not None:
            return row.plover_type, row.plover_mode, row.plover_context
    return None, None, None


def _mode(t: PloverType, mode: str | None) -> Mode | None:
    return t.modes.get(mode.strip().lower()) if mode else None


def intensity(type: str, mode: str | None = None) -> float:
    """PLOVER intensity of a type, or of type + mode when the mode has its own score."""
    t = plover_type(type)
    m = _mode(t, mode)
    return m.intensity if m is not None and m.intensity is not None else t.intensity


def default_cameo(type: str, mode: str | None = None) -> str | None:
    """A CAMEO code typical of the type (+ mode): CONSULT -> "040", CONSULT + phone -> "041".

    None only for user-defined types that declare no CAMEO code.
    """
    t = plover_type(type)
    m = _mode(t, mode)
    return m.cameo if m is not None and m.cameo else t.cameo


def quad_class(type: str) -> int:
    """Quad class of a PLOVER type: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    return plover_type(type).quad_class


def problems() -> list[str]:
    """Consistency checks across the two files (useful after an override); empty when all is well."""
    out: list[str] = []
    types, ctx, _ = _plover_data()
    table = _cameo_table()
    for t in types.values():
        if t.quad_class not in (1, 2, 3, 4):
            out.append(f"{t.name}: quad_class {t.quad_class} is not 1..4")
        if not -10.0 <= t.intensity <= 10.0:
            out.append(f"{t.name}: intensity {t.intensity} outside -10..10")
        refs = [(t.name, t.cameo)] + [(f"{t.name}/{m.name}", m.cameo) for m in t.modes.values()]
        for who, code in refs:
            if code and code not in table:
                out.append(f"{who}: CAMEO code {code} is not in cameo.tsv")
        for m in t.modes.values():
            if m.intensity is not None and not -10.0 <= m.intensity <= 10.0:
                out.append(f"{t.name}/{m.name}: intensity {m.intensity} outside -10..10")
    for row in table.values():
        t = types.get(row.plover_type or "")
        if row.plover_type and t is None:
            out.append(f"CAMEO {row.code}: unknown PLOVER type {row.plover_type}")
        if row.plover_mode and (t is None or row.plover_mode not in t.modes):
            out.append(f"CAMEO {row.code}: {row.plover_type} has no mode {row.plover_mode!r}")
        for c in row.contexts:
            if c not in ctx:
                out.append(f"CAMEO {row.code}: unknown context {c!r}")
    return out
