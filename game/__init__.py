"""Îlot: a multiplayer role-play simulation for French social-housing training."""
