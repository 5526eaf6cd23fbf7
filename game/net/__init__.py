"""The wire between clients and the server: msgpack envelope and an asyncio client connection."""
