from fibrodesk.app import main

raise SystemExit(main())
