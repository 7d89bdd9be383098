"""Documents made from records for people to keep or print: certificates, later exports."""
