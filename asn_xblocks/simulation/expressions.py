"""The ``when`` language: a tiny, safe condition language over metric values.

Authors write conditions such as ``dukungan >= 40 and not (moral < 20)``. The text comes
from OLX (untrusted), so it is never handed to ``eval``/``exec``/``ast``: a hand-written
tokenizer and recursive-descent parser build a small typed AST, and an evaluator walks
it. Hard limits (length, nesting depth, number size) keep hostile input cheap to refuse.

Grammar (lowest precedence first)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand (("<" | "<=" | ">" | ">=" | "==" | "!=") operand)?
    operand    := NUMBER | "-" NUMBER | IDENT | "(" expr ")"

Types are checked while parsing: comparisons take numbers or metric ids; ``and``/``or``/
``not`` and the whole expression must be conditions. Comparisons do not chain.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..core.i18n import N_

MAX_LENGTH = 500
MAX_DEPTH = 32
MAX_DIGITS = 15

KEYWORDS = frozenset({"and", "or", "not"})
COMPARATORS = ("<=", ">=", "==", "!=", "<", ">")


class ParseError(ValueError):
    """An unusable ``when`` expression: ``message`` (N_ template), ``params``, ``position``."""

    def __init__(self, message: str, position: int = 0, **params: object):
        self.message = message
        self.position = position
        self.params = {"position": position + 1, **params}
        super().__init__(self.text())

    def text(self, gettext=None) -> str:
        template = gettext(self.message) if gettext else self.message
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template


# --- AST -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    value: float
    pos: int


@dataclass(frozen=True)
class Var:
    name: str
    pos: int


@dataclass(frozen=True)
class Compare:
    op: str
    left: Operand
    right: Operand
    pos: int


@dataclass(frozen=True)
class Not:
    operand: Condition
    pos: int


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Condition, ...]
    pos: int


Operand = Num | Var
Condition = Compare | Not | BoolOp


# --- tokenizer -------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str  # "num" | "ident" | "kw" | "op" | "(" | ")" | "-" | "end"
    text: str
    pos: int


def _is_ident_start(ch: str) -> bool:
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_ident_char(ch: str) -> bool:
    return _is_ident_start(ch) or ("0" <= ch <= "9")


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; anything outside the language is a ParseError."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
            continue
        start = i
        if _is_digit(ch) or (ch == "." and i + 1 < n and _is_digit(text[i + 1])):
            while i < n and _is_digit(text[i]):
                i += 1
            if i < n and text[i] == ".":
                i += 1
                while i < n and _is_digit(text[i]):
                    i += 1
            if i < n and (_is_ident_char(text[i]) or text[i] == "."):
                raise ParseError(N_("Invalid number at position {position}: write plain "
                                    "numbers such as 40 or 2.5."), start)
            literal = text[start:i]
            digits = sum(1 for c in literal if c.isdigit())
            if digits > MAX_DIGITS:
                raise ParseError(N_("The number at position {position} is too long (more "
                                    "than {limit} digits)."), start, limit=MAX_DIGITS)
            tokens.append(Token("num", literal, start))
            continue
        if _is_ident_start(ch):
            while i < n and _is_ident_char(text[i]):
                i += 1
            word = text[start:i]
            tokens.append(Token("kw" if word in KEYWORDS else "ident", word, start))
            continue
        two = text[i:i + 2]
        if two in ("<=", ">=", "==", "!="):
            tokens.append(Token("op", two, start))
            i += 2
            continue
        if ch in "<>":
            tokens.append(Token("op", ch, start))
            i += 1
            continue
        if ch in "()":
            tokens.append(Token(ch, ch, start))
            i += 1
            continue
        if ch == "-":
            tokens.append(Token("-", ch, start))
            i += 1
            continue
        if ch == "=":
            raise ParseError(N_("Unexpected \"=\" at position {position}: write \"==\" to "
                                "compare."), start)
        raise ParseError(N_("Unexpected character \"{char}\" at position {position}: only "
                            "metric ids, numbers, comparisons, and, or, not and "
                            "parentheses are allowed."), start, char=ch)
    tokens.append(Token("end", "", n))
    return tokens


# --- parser ----------------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(N_("The condition is nested too deeply at position {position} "
                                "(more than {limit} levels)."), pos, limit=MAX_DEPTH)

    def leave(self) -> None:
        self.depth -= 1

    def parse(self) -> Condition:
        if self.current.kind == "end":
            raise ParseError(N_("The condition is empty."), 0)
        node = self.expr()
        token = self.current
        if token.kind != "end":
            raise ParseError(N_("Unexpected \"{token}\" at position {position}."), token.pos,
                             token=token.text)
        return _as_condition(node)

    def expr(self):
        first = self.and_expr()
        if self.current.kind == "kw" and self.current.text == "or":
            operands = [_as_condition(first)]
            pos = self.current.pos
            while self.current.kind == "kw" and self.current.text == "or":
                self.advance()
                operands.append(_as_condition(self.and_expr()))
            return BoolOp("or", tuple(operands), pos)
        return first

    def and_expr(self):
        first = self.not_expr()
        if self.current.kind == "kw" and self.current.text == "and":
            operands = [_as_condition(first)]
            pos = self.current.pos
            while self.current.kind == "kw" and self.current.text == "and":
                self.advance()
                operands.append(_as_condition(self.not_expr()))
            return BoolOp("and", tuple(operands), pos)
        return first

    def not_expr(self):
        token = self.current
        if token.kind == "kw" and token.text == "not":
            self.advance()
            self.enter(token.pos)
            operand = self.not_expr()
            self.leave()
            return Not(_as_condition(operand), token.pos)
        return self.comparison()

    def comparison(self):
        left = self.operand()
        token = self.current
        if token.kind != "op":
            return left
        self.advance()
        right = self.operand()
        if self.current.kind == "op":
            raise ParseError(N_("Comparisons cannot be chained (position {position}): join "
                                "them with \"and\"."), self.current.pos)
        return Compare(token.text, _as_operand(left, token), _as_operand(right, token), token.pos)

    def operand(self):
        token = self.current
        if token.kind == "num":
            self.advance()
            return Num(_number(token), token.pos)
        if token.kind == "-":
            self.advance()
            number = self.current
            if number.kind != "num":
                raise ParseError(N_("A minus sign must be followed by a number (position "
                                    "{position})."), token.pos)
            self.advance()
            return Num(-_number(number), token.pos)
        if token.kind == "ident":
            self.advance()
            if self.current.kind == "(":
                raise ParseError(N_("Function calls are not allowed (position {position})."),
                                 self.current.pos)
            return Var(token.text, token.pos)
        if token.kind == "(":
            self.advance()
            self.enter(token.pos)
            inner = self.expr()
            self.leave()
            if self.current.kind != ")":
                raise ParseError(N_("A \")\" is missing at position {position}."),
                                 self.current.pos)
            self.advance()
            return inner
        if token.kind == "end":
            raise ParseError(N_("The condition ends too early (position {position})."),
                             token.pos)
        raise ParseError(N_("Unexpected \"{token}\" at position {position}."), token.pos,
                         token=token.text)


def _number(token: Token) -> float:
    value = float(token.text)
    if not math.isfinite(value):  # cannot happen with MAX_DIGITS, kept as a guard
        raise ParseError(N_("The number at position {position} is too large."), token.pos)
    return value


def _as_condition(node) -> Condition:
    if isinstance(node, (Num, Var)):
        raise ParseError(N_("Expected a comparison such as \"{example}\" at position "
                            "{position}."), node.pos,
                         example=f"{node.name} >= 50" if isinstance(node, Var) else "moral >= 50")
    return node


def _as_operand(node, op_token: Token) -> Operand:
    if not isinstance(node, (Num, Var)):
        raise ParseError(N_("\"{op}\" at position {position} compares a metric or a number, "
                            "not a condition."), op_token.pos, op=op_token.text)
    return node


# --- public API ------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Condition:
    return _Parser(tokenize(text)).parse()


def parse(text: str) -> Condition:
    """The AST of ``text`` or a ParseError (never any other exception, never slow)."""
    if not isinstance(text, str):
        raise ParseError(N_("The condition must be text."), 0)
    if len(text) > MAX_LENGTH:
        raise ParseError(N_("The condition is too long ({length} characters; the limit is "
                            "{limit})."), 0, length=len(text), limit=MAX_LENGTH)
    return _parse_cached(text)


def identifiers(node: Condition | Operand) -> set[str]:
    """Every metric id the expression refers to (validation flags the unknown ones)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Var):
            found.add(item.name)
        elif isinstance(item, Compare):
            stack.extend((item.left, item.right))
        elif isinstance(item, Not):
            stack.append(item.operand)
        elif isinstance(item, BoolOp):
            stack.extend(item.operands)
    return found


def identifiers_of(text: str) -> set[str]:
    return identifiers(parse(text))


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def evaluate(node: Condition, metrics: Mapping[str, float]) -> bool:
    """Truth of ``node`` on ``metrics``; an unknown metric id makes the condition false
    (validation reports it as an error; the engine must never crash on it)."""
    return compile_condition(node, {name: i for i, name in enumerate(metrics)})(
        tuple(metrics.values()))


def compile_condition(node: Condition, index: Mapping[str, int]) -> Callable[[Sequence[float]], bool]:
    """A closure evaluating ``node`` on a tuple of metric values ordered as ``index``.

    Used by the state search, which evaluates conditions hundreds of thousands of times.
    """
    if _unknown(node, index):
        return lambda values: False
    return _compile(node, index)


def _unknown(node, index: Mapping[str, int]) -> bool:
    return any(name not in index for name in identifiers(node))


def _compile(node, index: Mapping[str, int]) -> Callable[[Sequence[float]], bool]:
    if isinstance(node, Compare):
        fn = _COMPARE[node.op]
        left, right = node.left, node.right
        if isinstance(left, Var) and isinstance(right, Num):
            i, v = index[left.name], right.value
            return lambda values: fn(values[i], v)
        if isinstance(left, Num) and isinstance(right, Var):
            v, j = left.value, index[right.name]
            return lambda values: fn(v, values[j])
        if isinstance(left, Var) and isinstance(right, Var):
            i, j = index[left.name], index[right.name]
            return lambda values: fn(values[i], values[j])
        assert isinstance(left, Num) and isinstance(right, Num)  # the one pair left: two numbers
        result = fn(left.value, right.value)
        return lambda values: result
    if isinstance(node, Not):
        inner = _compile(node.operand, index)
        return lambda values: not inner(values)
    if isinstance(node, BoolOp):
        parts = tuple(_compile(item, index) for item in node.operands)
        if node.op == "and":
            return lambda values: all(part(values) for part in parts)
        return lambda values: any(part(values) for part in parts)
    raise TypeError(node)  # unreachable: parse() only returns conditions
