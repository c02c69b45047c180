"""Real servers on loopback addresses that tests start and talk to."""
