from briefgen.commands.cli import main

raise SystemExit(main())
