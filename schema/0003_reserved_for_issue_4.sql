-- Placeholder on branch issue-5 only: number 3 belongs to issue 4 (accounts). The migrator needs
-- contiguous numbers, so this keeps 0004_directory.sql runnable here. Delete this file when
-- merging issue 4's 0003.
SELECT 1;
