"""Initial schema: every table and index of the store as it was when migrations were introduced.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Databases created before migrations hold exactly this schema (``communique db upgrade``
completes any missing table or index, then stamps them at this revision).  Column defaults
are applied by the application (SQLAlchemy), as with ``create_all``.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# events with two or more codes on a side (partial index ix_events_multicode)
MULTI_CODE_SQL = "actor_codes LIKE '|%|%|' OR recipient_codes LIKE '|%|%|'"


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('code', sa.String(), nullable=True),
    sa.Column('sector', sa.String(), nullable=True),
    sa.Column('kind', sa.String(), nullable=True),
    sa.Column('kb_id', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_actors_code', 'actors', ['code'], unique=False)

    op.create_table('articles',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('date', sa.String(), nullable=True),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('dateline', sa.String(), nullable=True),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('ingested_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_articles_date', 'articles', ['date'], unique=False)
    op.create_index('ix_articles_source', 'articles', ['source'], unique=False)

    op.create_table('event_clusters',
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('mode', sa.String(), nullable=True),
    sa.Column('actor_codes', sa.String(), nullable=False),
    sa.Column('recipient_codes', sa.String(), nullable=False),
    sa.Column('symmetric', sa.Integer(), nullable=False),
    sa.Column('date', sa.String(), nullable=True),
    sa.Column('date_precision', sa.String(), nullable=True),
    sa.Column('date_support', sa.Integer(), nullable=False),
    sa.Column('location_name', sa.String(), nullable=True),
    sa.Column('location_country', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('cameo', sa.String(), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('intensity', sa.Float(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=True),
    sa.Column('num_mentions', sa.Integer(), nullable=False),
    sa.Column('num_articles', sa.Integer(), nullable=False),
    sa.Column('num_sources', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('cluster_id')
    )
    op.create_index('ix_event_clusters_date', 'event_clusters', ['date'], unique=False)
    op.create_index('ix_event_clusters_type', 'event_clusters', ['type'], unique=False)

    op.create_table('rejected',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )

    op.create_table('story_clusters',
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('story_id', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_index('ix_story_clusters_story_id', 'story_clusters', ['story_id'], unique=False)

    op.create_table('event_cluster_members',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('date', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['event_clusters.cluster_id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_event_cluster_members_cluster_id', 'event_cluster_members', ['cluster_id'], unique=False)
    op.create_index('ix_event_cluster_members_event_id', 'event_cluster_members', ['event_id'], unique=False)

    op.create_table('events',
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('mode', sa.String(), nullable=True),
    sa.Column('contexts', sa.JSON(), nullable=True),
    sa.Column('cameo', sa.String(), nullable=True),
    sa.Column('goldstein', sa.Float(), nullable=True),
    sa.Column('intensity', sa.Float(), nullable=True),
    sa.Column('quad_class', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(), nullable=True),
    sa.Column('date_precision', sa.String(), nullable=True),
    sa.Column('location_name', sa.String(), nullable=True),
    sa.Column('location_country', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('extractor', sa.String(), nullable=True),
    sa.Column('actor_codes', sa.String(), nullable=False),
    sa.Column('recipient_codes', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index('ix_events_article_id', 'events', ['article_id'], unique=False)
    op.create_index('ix_events_date', 'events', ['date'], unique=False)
    op.create_index('ix_events_dyad', 'events', ['actor_codes', 'recipient_codes', 'date', 'type', 'quad_class', 'goldstein', 'intensity'], unique=False)
    op.create_index('ix_events_multicode', 'events', ['date', 'actor_codes', 'recipient_codes'], unique=False,
                    sqlite_where=sa.text(MULTI_CODE_SQL), postgresql_where=sa.text(MULTI_CODE_SQL))
    op.create_index('ix_events_type', 'events', ['type'], unique=False)
    op.create_index('ix_events_type_date', 'events', ['type', 'date'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('sector', sa.String(), nullable=True),
    sa.Column('method', sa.String(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_mentions_actor_id', 'mentions', ['actor_id'], unique=False)
    op.create_index('ix_mentions_article_id', 'mentions', ['article_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('speaker_actor_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(), nullable=True),
    sa.Column('speaker_code', sa.String(), nullable=True),
    sa.Column('addressee_name', sa.String(), nullable=True),
    sa.Column('addressee_code', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('cue', sa.String(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['speaker_actor_id'], ['actors.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_quotes_article_id', 'quotes', ['article_id'], unique=False)

    op.create_table('event_actors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.Column('side', sa.String(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('sector', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.event_id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_event_actors_actor_id', 'event_actors', ['actor_id'], unique=False)
    op.create_index('ix_event_actors_event_id', 'event_actors', ['event_id'], unique=False)


def downgrade() -> None:
    op.drop_table('event_actors')
    op.drop_table('quotes')
    op.drop_table('mentions')
    op.drop_table('events')
    op.drop_table('event_cluster_members')
    op.drop_table('story_clusters')
    op.drop_table('rejected')
    op.drop_table('event_clusters')
    op.drop_table('articles')
    op.drop_table('actors')
