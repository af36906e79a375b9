"""The one reader of printed amounts: money, percentages and spans of time ('$550bn',
'550 billion dollars', '27.5%', '90-day'), each with a comparable value."""

from __future__ import annotations

import re

_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6,
          "mn": 1e6, "m": 1e6, "": 1.0}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY",
             "dollars": "USD", "euros": "EUR", "pounds": "GBP", "yuan": "CNY"}
AMOUNT = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>trillion|billion|"
    r"million|tn|bn|mn|m)?\b"
    r"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s?(?P<scale2>trillion|billion|million)\s(?P<cur2>dollars|"
    r"euros|pounds|yuan)"
    r"|(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)"
    r"|(?P<span>\d+)-(?P<unit>day|week|month|year)\b",
    re.I,
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def amount_value(match: re.Match[str]) -> str:
    """A match of AMOUNT as a comparable value: 'pct:25', 'days:90', 'USD:5.5e+11'."""
    if match.group("pct"):
        return f"pct:{_number(match.group('pct')):g}"
    if match.group("span"):
        return f"{match.group('unit').lower()}s:{match.group('span')}"
    cur = _CURRENCY[(match.group("cur") or match.group("cur2")).lower()]
    scale = _SCALE[(match.group("scale") or match.group("scale2") or "").lower()]
    return f"{cur}:{_number(match.group('num') or match.group('num2')) * scale:.4g}"


def first_amount(text: str) -> str | None:
    """The first amount printed in `text`, as printed."""
    match = AMOUNT.search(text)
    return match.group(0).strip() if match else None
