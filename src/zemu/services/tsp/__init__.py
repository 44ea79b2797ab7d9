"""TSP: the account's telephony service provider settings and users' TSP accounts."""
