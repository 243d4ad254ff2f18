from eventscope.cli import main

main()
