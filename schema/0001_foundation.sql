-- Foundation: server facts and Sapporo's wards (reference data, not demo data).

-- Small key/value facts about this database (e.g. when the demo data set was loaded).
CREATE TABLE server_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The ten wards of Sapporo. `code` is the identifier used in the API (cases.ward, users' scopes,
-- organizations.wards[]); `name` is how people write it.
CREATE TABLE wards (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  name_kana TEXT NOT NULL,
  position  INTEGER NOT NULL UNIQUE  -- the city's customary order
) STRICT;

INSERT INTO wards (code, name, name_kana, position) VALUES
  ('chuo',      '中央区', 'ちゅうおうく',   1),
  ('kita',      '北区',   'きたく',         2),
  ('higashi',   '東区',   'ひがしく',       3),
  ('shiroishi', '白石区', 'しろいしく',     4),
  ('atsubetsu', '厚別区', 'あつべつく',     5),
  ('toyohira',  '豊平区', 'とよひらく',     6),
  ('kiyota',    '清田区', 'きよたく',       7),
  ('minami',    '南区',   'みなみく',       8),
  ('nishi',     '西区',   'にしく',         9),
  ('teine',     '手稲区', 'ていねく',      10);
