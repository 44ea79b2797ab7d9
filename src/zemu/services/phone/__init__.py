"""Zoom Phone core: phone users and their settings, sites, calling plans, devices, common areas
(and the seed's legacy common-area phones), blocked list, shared line groups, the dial-by-name
directory, external contacts, carrier reseller numbers, account settings and policies."""
