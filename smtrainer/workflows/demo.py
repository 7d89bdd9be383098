"""A realistic demo school for the head teacher's side, made through the real scoring code.

Every record is the result of a simulated person answering a real draw of questions from the
bundled policy and walking its scenarios, marked and signed exactly as in the app. The same seed
and the same "today" always give the same school.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer import __version__
from smtrainer.domain import sshsig
from smtrainer.domain.assessment import draw_blueprint
from smtrainer.domain.completion import Answer, ScenarioChoice, Session, Staff, build_record
from smtrainer.domain.model import Policy
from smtrainer.domain.record import NAMESPACE, RecordKind, new_record_id
from smtrainer.domain.roster import ApprovedKey, Roster, StaffMember
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.private import PRIVATE_FILE, private_folder
from smtrainer.storage.roster import save_roster
from smtrainer.workflows.demo_choices import PreparedPolicy, answer, prepare, walk
from smtrainer.workflows.demo_writer import RecordWriter, available_cores, person_key

ROLES = (
    ("teacher", 50),
    ("teaching-assistant", 18),
    ("office", 8),
    ("support", 8),
    ("supply", 6),
    ("volunteer", 5),
    ("governor", 3),
    ("contractor", 2),
)
FIRST_NAMES = (
    "Amara",
    "Ben",
    "Chloé",
    "Daniel",
    "Élodie",
    "Farah",
    "George",
    "Hannah",
    "Ibrahim",
    "Jade",
    "Kwame",
    "Léa",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Siobhán",
    "Tomás",
    "Uma",
    "Victor",
    "Wiktoria",
    "Xavier",
    "Yasmin",
    "Zoé",
    "Aïcha",
    "Łukasz",
    "Mei",
    "Noah",
    "Grace",
    "Hélène",
    "Jonas",
    "Sofia",
    "Arjun",
    "Camille",
)
LAST_NAMES = (
    "Adeyemi",
    "Bernard",
    "Clarke",
    "Dubois",
    "Evans",
    "Fontaine",
    "García",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lefèvre",
    "Martin",
    "Nguyễn",
    "O'Brien",
    "Patel",
    "Quinn",
    "Robert",
    "Smith",
    "Taylor",
    "Ueda",
    "Vasquez",
    "Williams",
    "Xu",
    "Young",
    "Zimmermann",
    "Müller",
    "Rousseau",
    "Okafor",
    "Byrne",
    "Chen",
    "Durand",
    "Ahmed",
)
PROFILES = (("current", 70), ("due_soon", 9), ("overdue", 10), ("failed", 5), ("never", 6))
JOINED_BEFORE_HISTORY = 0.85
"""Share of staff already in post when the simulated history starts."""
RETRY_SHARE = 0.12
"""Share of completions that followed a failed first attempt on the same day."""


@dataclass(frozen=True)
class Person:
    staff_id: str
    name: str
    role: str
    email: str
    language: str
    skill: float
    profile: str
    joined: dt.date
    key: Ed25519PrivateKey


@dataclass(frozen=True)
class DemoSummary:
    staff: int
    records: int
    profiles: dict[str, int]
    folder: Path


def _weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    return rng.choices([name for name, _ in table], weights=[w for _, w in table])[0]


def make_people(count: int, years: int, seed: int, today: dt.date) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for number in range(1, count + 1):
        staff_id = f"S-{number:04d}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        history = years * 365
        if rng.random() < JOINED_BEFORE_HISTORY:
            joined = today - dt.timedelta(days=history + rng.randint(1, 3 * 365))
        else:
            joined = today - dt.timedelta(days=rng.randint(20, max(21, history)))
        people.append(
            Person(
                staff_id=staff_id,
                name=f"{first} {last}",
                role=_weighted(rng, ROLES),
                email=f"{staff_id.lower()}@school.example",
                language="fr" if rng.random() < 0.2 else "en",
                skill=rng.uniform(0.84, 0.99),
                profile=_weighted(rng, PROFILES),
                joined=joined,
                key=person_key(seed, staff_id),
            )
        )
    return people


def _day_of_attempts(
    rng: random.Random,
    pack: PreparedPolicy,
    person: Person,
    day: dt.date,
    kind: RecordKind,
    final: bool,
) -> list[dict[str, object]]:
    """One day's records, in time order: perhaps a failed first try, then tries until a pass
    (or, for someone whose latest attempt failed, one failed try)."""
    start = dt.datetime.combine(day, dt.time(8), tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randint(0, 8 * 60)
    )
    if final and person.profile == "failed":
        skills = [0.35]
    elif rng.random() < RETRY_SHARE:
        skills = [0.35, person.skill]
    else:
        skills = [person.skill]
    records: list[dict[str, object]] = []
    tries = 0
    while skills and tries < 6:
        tries += 1
        skill = skills.pop(0)
        session = _attempt(rng, pack, person, start, skill, kind)
        record = build_record(session, new_record_id(rng.getrandbits), __version__)
        records.append(record)
        start = session.completed + dt.timedelta(minutes=rng.randint(5, 40))
        if not skills and not record["passed"] and not (final and person.profile == "failed"):
            skills.append(person.skill)  # They try again the same day.
    return records


def _attempt(
    rng: random.Random,
    pack: PreparedPolicy,
    person: Person,
    start: dt.datetime,
    skill: float,
    kind: RecordKind,
) -> Session:
    policy = pack.policy
    seed = rng.getrandbits(48)
    drawn = draw_blueprint(policy.modules, policy.assessment, seed)
    questions = pack.questions
    answers = [Answer(qid, answer(rng, questions[qid], rng.random() < skill)) for qid in drawn]
    choices = [
        ScenarioChoice(scenario.module_id, scenario.scenario_id, step_id, choice_id)
        for scenario in pack.walks
        for step_id, choice_id in walk(rng, scenario, skill)
    ]
    return Session(
        policy=policy,
        staff=Staff(person.name, person.role, person.staff_id),
        kind=kind,
        started=start,
        completed=start + dt.timedelta(minutes=rng.randint(25, 110)),
        seed=seed,
        answers=answers,
        choices=choices,
    )


def _completion_days(
    rng: random.Random, person: Person, today: dt.date, years: int
) -> list[dt.date]:
    """Days within the last `years` on which this person finished a training, oldest first."""
    if person.profile == "never":
        return []
    last = {
        "current": today - dt.timedelta(days=rng.randint(0, 320)),
        "failed": today - dt.timedelta(days=rng.randint(0, 200)),
        "due_soon": today - dt.timedelta(days=365 - rng.randint(1, 29)),
        "overdue": today - dt.timedelta(days=rng.randint(372, 700)),
    }[person.profile]
    first_possible = max(person.joined, today - dt.timedelta(days=years * 365))
    last = max(last, first_possible)
    days = [last]
    while True:
        previous = days[0] - dt.timedelta(days=365 + rng.randint(-25, 10))
        if previous < first_possible:
            break
        days.insert(0, previous)
    return days


MISSED_SECOND_POLICY = 0.15
"""The share of staff with no record of each further policy a demo school requires."""
PARALLEL_FROM_STAFF = 400
"""From this many staff the records are signed and written on every core (starting the
worker processes costs more than it saves below it)."""


def build_demo(
    out: Path,
    policies: dict[str, Policy],
    *,
    staff: int,
    years: int,
    seed: int,
    today: dt.date,
    also: Sequence[dict[str, Policy]] = (),
    workers: int | None = None,
) -> DemoSummary:
    """Write the staff list, approved keys and signed records of a demo school into `out`;
    everyone trains on `policies` and, the same days, on each pack of `also` (a school that
    requires several policies).

    The records are signed and written on `workers` processes (default: every core for a big
    school, else this one); the files are the same whatever the number. The workers are
    spawned, so a script that asks for several runs its code under `if __name__ == "__main__"`.
    """
    if workers is None:
        workers = available_cores() if staff >= PARALLEL_FROM_STAFF else 1
    rng = random.Random(seed ^ 0x5EED)
    people = make_people(staff, years, seed, today)
    prepared = [
        {lang: prepare(policy) for lang, policy in pack.items()} for pack in (policies, *also)
    ]
    count = 0
    private_folder(private_folder(out) / "records")  # A store is private (docs/store.md).
    with RecordWriter(out / "records", seed, workers) as writer:
        for person in people:
            days = _completion_days(rng, person, today, years)
            # Some people never took a school's second policy (an agreement nobody chased up).
            packs = [
                prepared[0],
                *(p for p in prepared[1:] if rng.random() >= MISSED_SECOND_POLICY),
            ]
            for index, day in enumerate(days):
                new_starter = index == 0 and person.joined >= day - dt.timedelta(days=60)
                kind = RecordKind.INDUCTION if new_starter else RecordKind.REFRESHER
                final = index == len(days) - 1
                for pack in packs:
                    chosen = pack.get(person.language) or next(iter(pack.values()))
                    for record in _day_of_attempts(rng, chosen, person, day, kind, final):
                        writer.add(person.staff_id, record)
                        count += 1
        writer.finish()
    _write_staff(out, people, today.isoformat())
    return DemoSummary(staff, count, dict(Counter(p.profile for p in people)), out)


def _write_staff(out: Path, people: Sequence[Person], approved_on: str) -> None:
    """The staff list as a school system exports it, the roster with each person's approved
    key (as if the head teacher had approved them all), and the matching allowed_signers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Staff ID", "Full Name", "Role", "Email"])
    for person in people:
        writer.writerow([person.staff_id, person.name, person.role, person.email])
    atomic_write(out / "staff.csv", buffer.getvalue().encode("utf-8"), mode=PRIVATE_FILE)
    signers = "".join(
        f'{p.staff_id} namespaces="{NAMESPACE}" '
        f"{sshsig.public_key_line(p.key.public_key(), p.staff_id)}\n"
        for p in people
    )
    atomic_write(out / "allowed_signers", signers.encode("utf-8"), mode=PRIVATE_FILE)
    roster = Roster(
        {
            p.staff_id: StaffMember(
                p.staff_id,
                p.name,
                p.role,
                p.email,
                [
                    ApprovedKey(
                        sshsig.fingerprint(p.key.public_key()),
                        sshsig.public_key_line(p.key.public_key()),
                        approved_on,
                    )
                ],
                left_on=approved_on if p is people[-1] else "",  # One leaver, kept in history.
            )
            for p in people
        }
    )
    save_roster(out, roster)
