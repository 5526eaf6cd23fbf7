"""The pygame client: `ilot play`, `ilot demo`, trainer console and spectator screen."""
