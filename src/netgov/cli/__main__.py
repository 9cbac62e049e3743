from netgov.cli.main import main

main()
