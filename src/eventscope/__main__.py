from eventscope.interfaces.cli import main

main()
