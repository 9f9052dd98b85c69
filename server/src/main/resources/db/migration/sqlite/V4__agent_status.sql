-- Canh Gác server schema, version 4 (SQLite): silence alerts.
-- Every time is epoch milliseconds, UTC. An absent optional value is NULL.

-- When the server stored an agent.silent alert for the agent's current silence; NULL when the agent
-- is not silent or was not alerted yet. Set in the same transaction as the alert event and cleared
-- in the same transaction as the agent.back event, so a restart never alerts the same silence twice.
ALTER TABLE agents ADD COLUMN silence_alerted_at INTEGER;

-- Events the server itself records about an agent (agent.silent, agent.back) are stored in events
-- like the agent's own, with NEGATIVE sequences: -1, -2, ... per agent (the next is the smallest held
-- minus one). Agents number their events from 1 upwards, so the two never meet in UNIQUE (agent_id,
-- sequence). agents.highest_sequence, which the channel acknowledges and imports check, is raised only
-- by events from the agent and never sees a negative sequence.
