"""The visibility journal: weekly count and streak (ISO weeks, across New Year), and
`netui post` / `netui posts --json` through the installed command."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netui.core.models import Post
from netui.core.posts import nudge, summary_line, visibility, week_label, week_start
from tests.support.cli import run_netui


def posts_on(*days: str) -> list[Post]:
    return [Post(topic=f"post {i}", date=d) for i, d in enumerate(days)]


def test_a_week_across_new_year_is_one_iso_week():
    # 2025-12-29 (Monday) to 2026-01-04 (Sunday) is 2026-W01.
    assert week_start(date(2026, 1, 2)) == date(2025, 12, 29)
    assert week_start(date(2025, 12, 31)) == date(2025, 12, 29)
    assert week_label(date(2025, 12, 30)) == "2026-W01"
    assert week_label(date(2027, 1, 1)) == "2026-W53"
    state = visibility(posts_on("2025-12-30", "2026-01-03"), target=2, today=date(2026, 1, 4))
    assert state.this_week == 2 and state.week == "2026-W01" and not state.behind
    assert state.streak == 1


def test_streak_counts_back_over_new_year_and_stops_at_a_week_without_posts():
    history = posts_on(
        "2025-12-01",                  # W49
        # W50 (Dec 8-14): nothing
        "2025-12-16",                  # W51
        "2025-12-24",                  # W52
        "2025-12-31",                  # 2026-W01 (the Monday is 2025-12-29)
        "2026-01-07",                  # 2026-W02
    )
    # Wednesday of 2026-W03, nothing posted yet this week: the week under way does not break it.
    state = visibility(history, target=1, today=date(2026, 1, 14))
    assert state.this_week == 0 and state.behind
    assert state.streak == 4  # W51, W52, 2026-W01, 2026-W02; W50 was empty
    assert "0 of 1 post this week (2026-W03)" in summary_line(state)
    assert "streak 4 weeks" in summary_line(state)
    assert nudge(state).startswith("one more post this week")
    # Posting this week extends it.
    state = visibility(history + posts_on("2026-01-15"), target=1, today=date(2026, 1, 15))
    assert state.this_week == 1 and state.streak == 5 and nudge(state) == ""
    # A whole week missed: the streak is over (the week before this one was empty).
    state = visibility(history, target=1, today=date(2026, 1, 21))
    assert state.streak == 0


def test_target_of_two_ideas_and_future_posts_do_not_count():
    history = posts_on("2026-03-02", "2026-03-04", "2026-03-10", "2026-03-20") + [Post(topic="an idea")]
    state = visibility(history, target=2, today=date(2026, 3, 16))  # Monday of W12
    # W10 has two (meets 2), W11 only one (2026-03-10): the streak is 0 before this week.
    assert state.this_week == 0 and state.streak == 0 and state.ideas == 1
    assert state.remaining == 2 and "2 more posts" in nudge(state) and "ideas" in nudge(state)
    state = visibility(history, target=1, today=date(2026, 3, 16))
    assert state.streak == 2  # W10 and W11 (the post dated 2026-03-20 is not done yet)
    assert visibility(history, target=0, today=date(2026, 3, 16)).behind is False


@pytest.fixture
def cli(tmp_path):
    db, config = tmp_path / "netui.json", tmp_path / "config"

    def run(*args: str):
        return run_netui(*args, db=db, config=config)

    return run


def test_post_and_posts_json_round_trip(cli):
    first = cli("post", "Takeaways from the Green Jobs Day", "--kind", "article",
                "--url", "https://example.org/a/1", "--date", "2025-12-30")
    assert first.returncode == 0, first.stderr
    assert "recorded article" in first.stdout
    assert cli("post", "Comment on renewable data", "--kind", "comment", "--date", "2026-01-02").returncode == 0
    idea = cli("post", "What I learned from my thesis", "--idea")
    assert idea.returncode == 0 and "idea" in idea.stdout
    listed = cli("posts", "--json")
    assert listed.returncode == 0, listed.stderr
    docs = json.loads(listed.stdout)
    assert [(d["topic"], d["kind"], d["url"], d["date"]) for d in docs] == [
        ("What I learned from my thesis", "post", "", None),
        ("Comment on renewable data", "comment", "", "2026-01-02"),
        ("Takeaways from the Green Jobs Day", "article", "https://example.org/a/1", "2025-12-30"),
    ]
    text = cli("posts")
    assert text.returncode == 0 and "post this week" in text.stdout and "Green Jobs Day" in text.stdout


def test_post_today_counts_this_week_and_bad_input_is_one_line(cli):
    ok = cli("post", "A short post")
    assert ok.returncode == 0 and "1 of 1 post this week" in ok.stdout and "streak 1 week" in ok.stdout
    for args, needle in (((" ",), "a post needs a topic"),
                         (("x", "--date", "2026-02-30"), "not a valid date"),
                         (("x", "--kind", "blog"), "'blog' is not one of"),
                         (("x", "--idea", "--date", "2026-01-01"), "not both")):
        result = cli("post", *args)
        assert result.returncode != 0 and needle in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert len(json.loads(cli("posts", "--json").stdout)) == 1  # nothing half-written


def test_posts_per_week_from_the_profile(cli):
    assert cli("profile", "--set", "posts_per_week=3").returncode == 0
    cli("post", "One")
    out = cli("posts").stdout
    assert "1 of 3 posts this week" in out and "2 more posts this week" in out
    bad = cli("profile", "--set", "posts_per_week=many")
    assert bad.returncode == 1 and "whole number of posts" in bad.stderr
