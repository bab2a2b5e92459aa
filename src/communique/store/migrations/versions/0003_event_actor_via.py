"""Event sides record the armed group a home state is listed beside.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

``event_actors.via``: for the state entry added beside an armed group ("Hezbollah" is also
listed as LBN), the group's code; null for every other entry.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a store opened by a newer communique before the upgrade already has it
    if "via" in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("event_actors")}:
        return
    with op.batch_alter_table("event_actors") as batch:
        batch.add_column(sa.Column("via", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_actors") as batch:
        batch.drop_column("via")
