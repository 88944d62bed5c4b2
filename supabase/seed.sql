-- Demonstration data for the 2018 « Mission Coworking » consultation.
-- consultation: mission-coworking-2018
-- (applied only when the content folder holds that consultation: src/server/store/migrate.ts)
--
-- Applied once, right after the migrations, when the embedded database
-- starts from nothing (src/server/store/migrate.ts), and by
-- `supabase db reset` on a local Supabase stack. Never applied to a
-- production project: everything below is invented for demonstration.
--
-- What it holds:
--   * 52 contributions: 42 answers spread over the six themes and 10
--     replies (with a stance) to published answers; 44 published,
--     6 pending, 2 rejected with the team's reason;
--   * 12 initiatives (coworking spaces, tiers-lieux, fablabs...): 9
--     published, 2 pending, 1 rejected as a duplicate;
--   * reactions to published contributions, two flags, and the moderation
--     log that goes with all of it.
--
-- Conventions, so that pages and tests can rely on them:
--   * ids are fixed: contributions 00000000-0000-4000-8000-000000000001..052
--     (answers 001..042, replies 043..052), initiatives ...000000000101..112,
--     flags ...000000000201..202; idempotency keys use the same numbers
--     under 00000000-0000-4000-9000-...;
--   * author_hash and voter_hash are readable placeholders
--     ('seed-author-0001-demo', 'seed-voter-0001-demo'), not real hashes;
--     one person writes twice (answers 003 and 033, same author_hash), and
--     the author of reply 044 also made initiative 106 known;
--   * pseudonyms only, no e-mail address or phone number (and no
--     private_contacts rows); the texts name no commune and no real place
--     ("notre bourg", "la vallée"), initiative names are generic, and their
--     sites use the reserved domain example.org;
--   * territories are real communes, copied from
--     @etalab/decoupage-administratif (postal code, INSEE code, names of the
--     commune, département and région), and territory_type follows
--     classifyTerritory() in src/domain/territory.ts;
--   * times are in Europe/Paris (+02 throughout the window, 12 April to
--     15 June 2018); a published row was moderated and published after it
--     was sent, a reply after its parent was published.
--
-- Generated columns (body_fingerprint, name_fingerprint) and the identity of
-- moderation_events are left to the database.

-- Contributions -------------------------------------------------------------

insert into public.contributions (
  id, idempotency_key, theme_id, question_id, parent_id, stance,
  body,
  pseudonym, profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  status, moderation_reason, moderated_at, published_at, author_hash, created_at
) values
  -- 001 comprendre-les-tiers-lieux / definir-un-tiers-lieu, published
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-9000-000000000001', 'comprendre-les-tiers-lieux', 'definir-un-tiers-lieu', null, null,
   'Un bureau partagé, on y loue une table et une connexion ; un tiers-lieu, on y croise des gens qu''on n''aurait jamais rencontrés autrement. Dans celui que je fréquente, le graphiste travaille à côté de la couturière, et le vendredi soir le café associatif prend la place des écrans. Ce qui fait la différence, c''est qu''il y a quelqu''un pour accueillir, présenter les uns aux autres et laisser les usagers proposer leurs propres activités.',
   'Nomade du Perche', 'usager', '61400', '61293', 'Mortagne-au-Perche', '61', 'Orne', '28', 'Normandie', 'small-town',
   'published', null, '2018-04-13 09:53:00+02', '2018-04-13 09:53:00+02', 'seed-author-0001-demo', '2018-04-12 18:40:00+02'),

  -- 002 comprendre-les-tiers-lieux / definir-un-tiers-lieu, published
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-9000-000000000002', 'comprendre-les-tiers-lieux', 'definir-un-tiers-lieu', null, null,
   'Pour notre association, un tiers-lieu se définit moins par ses murs que par sa gouvernance : ce sont les usagers qui décident avec nous de ce qu''on y fait. Nous avons commencé dans une ancienne boutique avec trois bureaux et une machine à coudre. Ce sont les habitants qui ont ensuite demandé un atelier de réparation, puis une permanence d''aide aux démarches. Un bureau partagé vend un service ; un tiers-lieu se construit avec ceux qui le fréquentent.',
   'Tiss''Lien', 'association', '34700', '34142', 'Lodève', '34', 'Hérault', '76', 'Occitanie', 'small-town',
   'published', null, '2018-04-13 14:49:00+02', '2018-04-13 14:49:00+02', 'seed-author-0002-demo', '2018-04-13 11:05:00+02'),

  -- 003 comprendre-les-tiers-lieux / qui-frequente, published
  ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-9000-000000000003', 'comprendre-les-tiers-lieux', 'qui-frequente', null, null,
   'Dans l''espace de travail partagé le plus proche de chez moi, on trouve surtout des indépendants installés depuis peu : traducteurs, développeurs, architectes, formateurs. Il y a aussi des salariés comme moi, en télétravail deux ou trois jours par semaine, qui ne veulent plus faire une heure et demie de route pour rejoindre le siège. Le mercredi après-midi, l''atelier bois attire des retraités et des adolescents, et c''est souvent là que les conversations les plus intéressantes commencent.',
   'Margot en Creuse', 'salarie', '23500', '23079', 'Felletin', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'rural',
   'published', null, '2018-04-15 13:33:00+02', '2018-04-15 13:33:00+02', 'seed-author-0003-demo', '2018-04-15 09:12:00+02'),

  -- 004 comprendre-les-tiers-lieux / services-proposes, published
  ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-9000-000000000004', 'comprendre-les-tiers-lieux', 'services-proposes', null, null,
   'Dans le lieu que nous avons ouvert il y a deux ans, les usagers viennent d''abord pour une connexion fiable, une imprimante et une salle de réunion qu''on réserve à l''heure. Très vite, on nous a demandé autre chose : un point de dépôt pour les paniers de producteurs, la permanence d''un comptable, un coin pour les enfants le mercredi. Je crois qu''un tiers-lieu rural doit rester un peu « couteau suisse » : c''est la diversité des services qui fait venir des publics différents.',
   'Cowork des Combes', 'fondateur', '25240', '25413', 'Mouthe', '25', 'Doubs', '27', 'Bourgogne-Franche-Comté', 'rural',
   'published', null, '2018-04-18 12:32:00+02', '2018-04-18 12:32:00+02', 'seed-author-0004-demo', '2018-04-17 14:30:00+02'),

  -- 005 comprendre-les-tiers-lieux / services-proposes, published
  ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-9000-000000000005', 'comprendre-les-tiers-lieux', 'services-proposes', null, null,
   'Dans nos villages de montagne, il faudrait d''abord un endroit où l''on puisse imprimer un document, scanner une pièce justificative et se faire aider pour une démarche en ligne sans descendre en ville. Le reste viendrait ensuite : un bureau pour les saisonniers qui voudraient rester l''hiver, une salle pour les associations, pourquoi pas un petit atelier de réparation. Beaucoup de jeunes partent faute de pouvoir travailler ici ; un tel lieu leur donnerait une raison de rester.',
   'Jardinier du village', 'habitant', '20229', '2B219', 'Piedicroce', '2B', 'Haute-Corse', '94', 'Corse', 'rural',
   'published', null, '2018-04-22 09:25:00+02', '2018-04-22 09:25:00+02', 'seed-author-0005-demo', '2018-04-21 19:02:00+02'),

  -- 006 comprendre-les-tiers-lieux / venir-ou-revenir, published
  ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-9000-000000000006', 'comprendre-les-tiers-lieux', 'venir-ou-revenir', null, null,
   'J''habite en ville, mais je rends souvent visite à ma famille dans un village à deux heures de route. Si je trouvais sur place un espace avec une bonne connexion et un bureau calme, je pourrais y passer une semaine entière en télétravail au lieu d''un simple week-end. Ce qui me ferait revenir, c''est de pouvoir réserver en ligne, à la journée, sans abonnement mensuel.',
   'Lucie en télétravail', 'salarie', '69007', '69123', 'Lyon', '69', 'Rhône', '84', 'Auvergne-Rhône-Alpes', 'metropolis',
   'published', null, '2018-04-24 13:02:00+02', '2018-04-24 13:02:00+02', 'seed-author-0006-demo', '2018-04-24 08:50:00+02'),

  -- 007 comprendre-les-tiers-lieux / venir-ou-revenir, pending
  ('00000000-0000-4000-8000-000000000007', '00000000-0000-4000-9000-000000000007', 'comprendre-les-tiers-lieux', 'venir-ou-revenir', null, null,
   'Je suis retraité et je n''ai jamais mis les pieds dans un espace de coworking : le mot lui-même me semble réservé aux jeunes qui travaillent sur ordinateur. Si l''on me proposait de venir partager mes outils et mon savoir-faire en menuiserie, ou d''apprendre à me servir d''une tablette avec des gens de mon âge, j''y viendrais volontiers. Il faudrait aussi que ce soit accessible sans voiture, ou qu''un covoiturage soit organisé depuis les hameaux.',
   'Papy bricoleur', 'habitant', '36170', '36182', 'Saint-Benoît-du-Sault', '36', 'Indre', '24', 'Centre-Val de Loire', 'rural',
   'pending', null, null, null, 'seed-author-0007-demo', '2018-06-11 16:20:00+02'),

  -- 008 ancrage-territorial / conditions-de-reussite, published
  ('00000000-0000-4000-8000-000000000008', '00000000-0000-4000-9000-000000000008', 'ancrage-territorial', 'conditions-de-reussite', null, null,
   'Élue d''une petite ville, j''ai vu échouer un premier projet porté par la seule mairie : de beaux bureaux rénovés, mais personne pour les animer. La condition de réussite, c''est une personne salariée pour accueillir, animer et aller chercher les usagers. La collectivité peut mettre à disposition le bâtiment et garantir un loyer modéré, mais le projet doit être porté par des habitants et des entrepreneurs qui y croient.',
   'Adjointe du Haut-Jura', 'collectivite', '39200', '39478', 'Saint-Claude', '39', 'Jura', '27', 'Bourgogne-Franche-Comté', 'small-town',
   'published', null, '2018-04-14 12:04:00+02', '2018-04-14 12:04:00+02', 'seed-author-0008-demo', '2018-04-13 17:45:00+02'),

  -- 009 ancrage-territorial / conditions-de-reussite, published
  ('00000000-0000-4000-8000-000000000009', '00000000-0000-4000-9000-000000000009', 'ancrage-territorial', 'conditions-de-reussite', null, null,
   'Hors des métropoles, un tiers-lieu ne peut pas compter sur les seuls coworkers : ils ne sont pas assez nombreux pour remplir un plateau de bureaux. Il faut donc l''adosser à une autre activité qui fait venir du monde tous les jours, comme un café, une épicerie ou un point relais. La deuxième condition, c''est la durée : il faut trois ou quatre ans pour qu''une communauté se forme, alors que les financements de démarrage s''arrêtent souvent au bout de dix-huit mois.',
   'Porteur de projet 15', 'porteur-de-projet', '15000', '15014', 'Aurillac', '15', 'Cantal', '84', 'Auvergne-Rhône-Alpes', 'medium-town',
   'published', null, '2018-04-19 14:13:00+02', '2018-04-19 14:13:00+02', 'seed-author-0009-demo', '2018-04-19 10:10:00+02'),

  -- 010 ancrage-territorial / freins-rencontres, published
  ('00000000-0000-4000-8000-000000000010', '00000000-0000-4000-9000-000000000010', 'ancrage-territorial', 'freins-rencontres', null, null,
   'Il nous a fallu près de deux ans pour trouver un local : les bâtiments vacants ne manquent pas dans le bourg, mais leurs propriétaires ne répondent pas ou demandent des loyers de centre-ville. Ensuite, il a fallu convaincre la banque, pour qui un « tiers-lieu » n''entre dans aucune case. Le dernier frein, et non le moindre, c''est la connexion : sans liaison professionnelle, impossible d''accueillir correctement une visioconférence.',
   'Fondatrice en Argonne', 'fondateur', '55270', '55527', 'Varennes-en-Argonne', '55', 'Meuse', '44', 'Grand Est', 'rural',
   'published', null, '2018-04-17 09:50:00+02', '2018-04-17 09:50:00+02', 'seed-author-0010-demo', '2018-04-16 21:15:00+02'),

  -- 011 ancrage-territorial / freins-rencontres, published
  ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-9000-000000000011', 'ancrage-territorial', 'freins-rencontres', null, null,
   'Je suis développeur indépendant et j''ai essayé pendant un an d''animer un petit espace de coworking avec deux collègues. Le principal obstacle a été l''isolement : nous étions rarement plus de quatre, et sans passage régulier les nouveaux venus ne restaient pas. Nous avons surtout manqué de relais pour nous faire connaître des entreprises du secteur, qui ignoraient qu''elles pouvaient y envoyer leurs salariés en télétravail.',
   'Dev en Thiérache', 'entrepreneur', '02500', '02381', 'Hirson', '02', 'Aisne', '32', 'Hauts-de-France', 'small-town',
   'published', null, '2018-04-27 16:47:00+02', '2018-04-27 16:47:00+02', 'seed-author-0011-demo', '2018-04-27 13:30:00+02'),

  -- 012 ancrage-territorial / lieux-a-reinvestir, published
  ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-9000-000000000012', 'ancrage-territorial', 'lieux-a-reinvestir', null, null,
   'Dans beaucoup de petites villes comme la nôtre, les bâtiments voyageurs des gares ont perdu leur guichet alors que les trains continuent de s''y arrêter. Un tiers-lieu y aurait tout son sens : les navetteurs pourraient y travailler avant leur train, et le quartier retrouverait de la vie. On pourrait penser aussi aux anciennes perceptions, aux logements d''instituteurs inoccupés et aux commerces de la grand-rue qui attendent un repreneur.',
   'Gare en vue', 'association', '58500', '58079', 'Clamecy', '58', 'Nièvre', '27', 'Bourgogne-Franche-Comté', 'small-town',
   'published', null, '2018-05-19 14:54:00+02', '2018-05-19 14:54:00+02', 'seed-author-0012-demo', '2018-05-19 11:00:00+02'),

  -- 013 ancrage-territorial / lieux-a-reinvestir, published
  ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-9000-000000000013', 'ancrage-territorial', 'lieux-a-reinvestir', null, null,
   'Dans un village comme le nôtre, les bâtiments publics sous-utilisés ne manquent pas : une salle au-dessus de la mairie, un ancien logement de fonction, une partie d''école. Y installer quelques postes de travail et une salle partagée serait une façon de les garder vivants et chauffés plutôt que de les voir se dégrader. Le vrai sujet, c''est le coût de la mise aux normes d''accessibilité, hors de portée d''une commune d''un millier d''habitants sans aide extérieure.',
   'Conseiller municipal 04', 'collectivite', '04150', '04018', 'Banon', '04', 'Alpes-de-Haute-Provence', '93', 'Provence-Alpes-Côte d''Azur', 'rural',
   'published', null, '2018-06-04 12:11:00+02', '2018-06-04 12:11:00+02', 'seed-author-0013-demo', '2018-06-04 09:40:00+02'),

  -- 014 ancrage-territorial / faire-vivre-une-communaute, published
  ('00000000-0000-4000-8000-000000000014', '00000000-0000-4000-9000-000000000014', 'ancrage-territorial', 'faire-vivre-une-communaute', null, null,
   'Dans un territoire peu dense, la communauté ne se forme pas en attendant que les gens poussent la porte : il faut aller les chercher sur les marchés, dans les associations, à la sortie des réunions professionnelles. Nous organisons un déjeuner partagé chaque jeudi, ouvert à tous, et c''est devenu le rendez-vous de la semaine pour des indépendants qui travaillaient seuls chez eux. Un groupe de discussion en ligne prend le relais entre deux rencontres.',
   'Animatrice du Kreiz', 'association', '29270', '29024', 'Carhaix-Plouguer', '29', 'Finistère', '53', 'Bretagne', 'small-town',
   'published', null, '2018-04-24 09:22:00+02', '2018-04-24 09:22:00+02', 'seed-author-0014-demo', '2018-04-23 18:05:00+02'),

  -- 015 ancrage-territorial / faire-vivre-une-communaute, published
  ('00000000-0000-4000-8000-000000000015', '00000000-0000-4000-9000-000000000015', 'ancrage-territorial', 'faire-vivre-une-communaute', null, null,
   'Dans les hauts de l''île, les distances se comptent en temps de route plus qu''en kilomètres, et beaucoup de familles n''ont qu''une voiture. Pour faire vivre une communauté, nous misons sur des rendez-vous réguliers liés à la vie du quartier : aide aux devoirs, atelier cuisine, permanence pour les démarches. Les travailleurs indépendants viennent ensuite, parce qu''ils savent qu''ils trouveront du monde.',
   'Kaz partagée', 'association', '97433', '97421', 'Salazie', '974', 'La Réunion', '04', 'La Réunion', 'small-town',
   'published', null, '2018-05-10 10:15:00+02', '2018-05-10 10:15:00+02', 'seed-author-0015-demo', '2018-05-09 15:20:00+02'),

  -- 016 modeles-economiques / ressources-durables, published
  ('00000000-0000-4000-8000-000000000016', '00000000-0000-4000-9000-000000000016', 'modeles-economiques', 'ressources-durables', null, null,
   'Notre espace vit de trois ressources à peu près équivalentes : les abonnements des coworkers, la location de salles pour des formations et des réunions, et des prestations d''animation pour la communauté de communes. Aucune ne suffirait seule. Les subventions ne représentent plus qu''une petite part du budget, mais elles restent indispensables pour les actions qui ne rapportent rien, comme l''accompagnement au numérique.',
   'Gérant d''espace partagé', 'fondateur', '46100', '46102', 'Figeac', '46', 'Lot', '76', 'Occitanie', 'small-town',
   'published', null, '2018-04-18 16:22:00+02', '2018-04-18 16:22:00+02', 'seed-author-0016-demo', '2018-04-18 12:00:00+02'),

  -- 017 modeles-economiques / ressources-durables, published
  ('00000000-0000-4000-8000-000000000017', '00000000-0000-4000-9000-000000000017', 'modeles-economiques', 'ressources-durables', null, null,
   'Je paie volontiers un abonnement, mais à la campagne il ne peut guère dépasser une centaine d''euros par mois, quand une place dans un espace de grande ville coûte deux à trois fois plus. Le modèle économique ne peut donc pas reposer sur les seuls usagers. Il faut des entreprises ou des administrations qui louent des postes à l''année pour leurs salariés, et un loyer très modéré pour le local.',
   'Entrepreneuse du Gers', 'entrepreneur', '32230', '32233', 'Marciac', '32', 'Gers', '76', 'Occitanie', 'rural',
   'published', null, '2018-05-07 12:01:00+02', '2018-05-07 12:01:00+02', 'seed-author-0017-demo', '2018-05-06 20:30:00+02'),

  -- 018 modeles-economiques / financer-l-ouverture, published
  ('00000000-0000-4000-8000-000000000018', '00000000-0000-4000-9000-000000000018', 'modeles-economiques', 'financer-l-ouverture', null, null,
   'Nous avons réuni un peu plus de la moitié du budget d''aménagement grâce à un fonds européen, à la région et à un financement participatif auprès des habitants. Le plus difficile, ce n''est pas l''investissement, c''est de tenir les premiers mois : il faut payer l''animatrice avant d''avoir des abonnés. Une avance remboursable ou une garantie sur le fonds de roulement nous aurait évité bien des nuits blanches.',
   'Projet Perche', 'porteur-de-projet', '61130', '61038', 'Bellême', '61', 'Orne', '28', 'Normandie', 'rural',
   'published', null, '2018-04-22 14:21:00+02', '2018-04-22 14:21:00+02', 'seed-author-0018-demo', '2018-04-22 10:45:00+02'),

  -- 019 modeles-economiques / financer-l-ouverture, pending
  ('00000000-0000-4000-8000-000000000019', '00000000-0000-4000-9000-000000000019', 'modeles-economiques', 'financer-l-ouverture', null, null,
   'Les appels à projets arrivent souvent au mauvais moment et demandent des dossiers très lourds pour des sommes modestes. Pour une association de bénévoles, monter trois dossiers différents pour financer des tables, des ordinateurs et un vidéoprojecteur, c''est décourageant. Un guichet unique, avec un seul dossier partagé entre l''État, la région et le département, changerait tout.',
   'Atelier des Corbières', 'association', '11220', '11185', 'Lagrasse', '11', 'Aude', '76', 'Occitanie', 'rural',
   'pending', null, null, null, 'seed-author-0019-demo', '2018-06-13 17:55:00+02'),

  -- 020 modeles-economiques / mutualiser, published
  ('00000000-0000-4000-8000-000000000020', '00000000-0000-4000-9000-000000000020', 'modeles-economiques', 'mutualiser', null, null,
   'Les petits lieux d''un même département pourraient mutualiser beaucoup de choses : la comptabilité, l''assurance, un logiciel de réservation, la communication. Nous avons commencé à le faire avec quatre autres espaces, et chacun y gagne plusieurs milliers d''euros par an. Un réseau régional permettrait aussi de proposer aux usagers l''accès à tous les lieux avec un seul abonnement, ce qui intéresse beaucoup les commerciaux qui sillonnent la région.',
   'Réseau en devenir', 'fondateur', '22600', '22136', 'Loudéac', '22', 'Côtes-d''Armor', '53', 'Bretagne', 'small-town',
   'published', null, '2018-04-26 12:05:00+02', '2018-04-26 12:05:00+02', 'seed-author-0020-demo', '2018-04-26 09:15:00+02'),

  -- 021 modeles-economiques / mutualiser, published
  ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-9000-000000000021', 'modeles-economiques', 'mutualiser', null, null,
   'Une imprimante 3D, une découpeuse laser ou une brodeuse numérique coûtent cher et ne servent que quelques heures par semaine. Plutôt que chaque lieu achète son propre parc, pourquoi ne pas faire circuler les machines entre les tiers-lieux d''une même vallée, avec une personne formée qui les accompagne ? Le même principe vaudrait pour les formateurs.',
   'Maker des Vosges', 'usager', '68650', '68175', 'Lapoutroie', '68', 'Haut-Rhin', '44', 'Grand Est', 'rural',
   'published', null, '2018-05-30 14:57:00+02', '2018-05-30 14:57:00+02', 'seed-author-0021-demo', '2018-05-30 11:30:00+02'),

  -- 022 modeles-economiques / mesurer-l-impact, published
  ('00000000-0000-4000-8000-000000000022', '00000000-0000-4000-9000-000000000022', 'modeles-economiques', 'mesurer-l-impact', null, null,
   'Les indicateurs habituels, nombre de postes loués ou taux d''occupation, ne disent presque rien de ce que produit un tiers-lieu. Il faudrait compter aussi les entreprises créées, les emplois maintenus sur place, les trajets évités et les personnes accompagnées dans leurs démarches. Nous plaidons pour une grille commune, simple à remplir, que tous les financeurs accepteraient.',
   'Chargée de mission ESS', 'association', '58000', '58194', 'Nevers', '58', 'Nièvre', '27', 'Bourgogne-Franche-Comté', 'medium-town',
   'published', null, '2018-05-04 12:26:00+02', '2018-05-04 12:26:00+02', 'seed-author-0022-demo', '2018-05-03 14:00:00+02'),

  -- 023 modeles-economiques / ressources-durables, rejected
  ('00000000-0000-4000-8000-000000000023', '00000000-0000-4000-9000-000000000023', 'modeles-economiques', 'ressources-durables', null, null,
   'Vous cherchez un bureau ? Notre centre d''affaires propose des bureaux équipés à partir de 199 € par mois, domiciliation comprise, et le premier mois est offert pour toute signature avant la fin du mois. Contactez-nous vite, les places partent rapidement !',
   'Offre bureaux', 'entrepreneur', '62500', '62765', 'Saint-Omer', '62', 'Pas-de-Calais', '32', 'Hauts-de-France', 'small-town',
   'rejected', 'Message publicitaire : la consultation n''accueille pas d''offres commerciales. Un lieu ouvert au public peut être présenté comme initiative, en décrivant son projet.', '2018-05-07 10:36:00+02', null, 'seed-author-0023-demo', '2018-05-07 07:55:00+02'),

  -- 024 role-des-pouvoirs-publics / attentes-envers-l-etat, published
  ('00000000-0000-4000-8000-000000000024', '00000000-0000-4000-9000-000000000024', 'role-des-pouvoirs-publics', 'attentes-envers-l-etat', null, null,
   'De l''État, j''attends d''abord que le très haut débit arrive enfin dans les communes rurales, dans des délais tenus : sans cela, aucun tiers-lieu n''est possible. Des collectivités, j''attends qu''elles facilitent l''accès aux bâtiments vacants et qu''elles soutiennent l''animation pendant les premières années. Mais la puissance publique ne doit pas décider à la place des habitants : un lieu imposé d''en haut reste vide.',
   'Maire d''une petite commune', 'collectivite', '63390', '63354', 'Saint-Gervais-d''Auvergne', '63', 'Puy-de-Dôme', '84', 'Auvergne-Rhône-Alpes', 'rural',
   'published', null, '2018-04-14 11:48:00+02', '2018-04-14 11:48:00+02', 'seed-author-0024-demo', '2018-04-14 08:30:00+02'),

  -- 025 role-des-pouvoirs-publics / attentes-envers-l-etat, published
  ('00000000-0000-4000-8000-000000000025', '00000000-0000-4000-9000-000000000025', 'role-des-pouvoirs-publics', 'attentes-envers-l-etat', null, null,
   'Ici comme ailleurs, beaucoup de jeunes diplômés partent faute d''emplois qualifiés, alors que certains pourraient travailler à distance pour des entreprises du continent. L''État pourrait encourager ce télétravail en aidant les espaces de travail partagés à s''équiper et en les faisant connaître aux employeurs. Les collectivités, elles, connaissent le terrain : elles devraient pouvoir adapter ces aides à chaque microrégion.',
   'Indépendant à Corte', 'entrepreneur', '20250', '2B096', 'Corte', '2B', 'Haute-Corse', '94', 'Corse', 'small-town',
   'published', null, '2018-04-26 11:05:00+02', '2018-04-26 11:05:00+02', 'seed-author-0025-demo', '2018-04-25 16:40:00+02'),

  -- 026 role-des-pouvoirs-publics / usages-publics, published
  ('00000000-0000-4000-8000-000000000026', '00000000-0000-4000-9000-000000000026', 'role-des-pouvoirs-publics', 'usages-publics', null, null,
   'Je suis agent d''une administration et je perds près de deux heures par jour en trajets. Si mon employeur acceptait que je travaille deux jours par semaine dans un tiers-lieu proche de chez moi, je gagnerais en qualité de vie et l''administration économiserait des bureaux. Les administrations devraient même réserver des postes à l''année dans ces lieux : ce serait une ressource stable pour eux et un signal fort pour les autres employeurs.',
   'Fonctionnaire nomade', 'salarie', '61000', '61001', 'Alençon', '61', 'Orne', '28', 'Normandie', 'medium-town',
   'published', null, '2018-04-30 14:47:00+02', '2018-04-30 14:47:00+02', 'seed-author-0026-demo', '2018-04-30 12:15:00+02'),

  -- 027 role-des-pouvoirs-publics / usages-publics, published
  ('00000000-0000-4000-8000-000000000027', '00000000-0000-4000-9000-000000000027', 'role-des-pouvoirs-publics', 'usages-publics', null, null,
   'Je suis plus réservé : les tiers-lieux sont nés de l''initiative des habitants, et je crains qu''en y installant des administrations on en fasse les annexes de services publics qui ferment ailleurs. Qu''elles y tiennent des permanences, oui, si cela rapproche le service des usagers. Mais pas à la place d''un guichet de plein exercice, ni au prix de l''indépendance du lieu.',
   'Vigilant', 'habitant', '33800', '33063', 'Bordeaux', '33', 'Gironde', '75', 'Nouvelle-Aquitaine', 'metropolis',
   'published', null, '2018-05-13 12:51:00+02', '2018-05-13 12:51:00+02', 'seed-author-0027-demo', '2018-05-12 19:45:00+02'),

  -- 028 role-des-pouvoirs-publics / gouvernance, published
  ('00000000-0000-4000-8000-000000000028', '00000000-0000-4000-9000-000000000028', 'role-des-pouvoirs-publics', 'gouvernance', null, null,
   'La société coopérative d''intérêt collectif nous semble la forme la mieux adaptée : la commune, les usagers, les salariés et des entreprises locales y sont associés et ont chacun voix au chapitre. Elle garantit que le lieu ne dépend ni d''un seul financeur ni d''un changement de majorité municipale. C''est plus long à monter qu''une association, mais cela oblige tout le monde à se parler dès le départ.',
   'Coopératrice', 'association', '26150', '26113', 'Die', '26', 'Drôme', '84', 'Auvergne-Rhône-Alpes', 'small-town',
   'published', null, '2018-05-05 13:51:00+02', '2018-05-05 13:51:00+02', 'seed-author-0028-demo', '2018-05-05 10:05:00+02'),

  -- 029 role-des-pouvoirs-publics / mesure-prioritaire, published
  ('00000000-0000-4000-8000-000000000029', '00000000-0000-4000-9000-000000000029', 'role-des-pouvoirs-publics', 'mesure-prioritaire', null, null,
   'Une mesure simple : financer pendant trois ans un poste d''animateur dans chaque tiers-lieu qui en fait la demande, avec une part dégressive chaque année. C''est l''animation qui manque partout, bien plus que les mètres carrés ou le matériel. Trois ans, c''est le temps qu''il faut pour que le lieu trouve son équilibre et que sa communauté puisse prendre le relais.',
   'Animateur du Trégor', 'fondateur', '22300', '22113', 'Lannion', '22', 'Côtes-d''Armor', '53', 'Bretagne', 'medium-town',
   'published', null, '2018-05-16 13:53:00+02', '2018-05-16 13:53:00+02', 'seed-author-0029-demo', '2018-05-16 09:30:00+02'),

  -- 030 role-des-pouvoirs-publics / mesure-prioritaire, published
  ('00000000-0000-4000-8000-000000000030', '00000000-0000-4000-9000-000000000030', 'role-des-pouvoirs-publics', 'mesure-prioritaire', null, null,
   'Je propose de recenser les tiers-lieux sur une carte nationale ouverte, tenue à jour par les lieux eux-mêmes. Beaucoup de gens ignorent qu''il existe un espace de travail partagé à vingt minutes de chez eux, et les porteurs de projet ne savent pas qui contacter pour se faire conseiller. Ce serait peu coûteux et utile à tout le monde, collectivités comprises.',
   'Citoyen curieux', 'habitant', '75011', '75056', 'Paris', '75', 'Paris', '11', 'Île-de-France', 'metropolis',
   'published', null, '2018-05-21 11:30:00+02', '2018-05-21 11:30:00+02', 'seed-author-0030-demo', '2018-05-20 22:10:00+02'),

  -- 031 role-des-pouvoirs-publics / attentes-envers-l-etat, rejected
  ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-9000-000000000031', 'role-des-pouvoirs-publics', 'attentes-envers-l-etat', null, null,
   'Encore une consultation pour rien. De toute façon les élus sont tous des incapables et des menteurs, qu''ils aillent donc travailler dans leurs coworkings au lieu de nous faire perdre notre temps.',
   'Ras-le-bol', 'habitant', '55600', '55351', 'Montmédy', '55', 'Meuse', '44', 'Grand Est', 'small-town',
   'rejected', 'Propos injurieux envers des personnes et sans proposition en rapport avec la question : contribution non publiée, conformément à la charte de modération.', '2018-05-22 12:23:00+02', null, 'seed-author-0031-demo', '2018-05-21 23:40:00+02'),

  -- 032 travail-et-emploi / rapport-au-lieu-de-travail, published
  ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-9000-000000000032', 'travail-et-emploi', 'rapport-au-lieu-de-travail', null, null,
   'Je suis consultante indépendante et je me suis installée à la campagne il y a trois ans. Travailler de chez moi me convenait au début, puis la frontière entre vie privée et travail s''est brouillée. Aller trois jours par semaine dans un espace partagé, à quinze minutes de route, m''a rendu un rythme et des collègues, sans renoncer à la vie que j''ai choisie.',
   'Consultante des champs', 'entrepreneur', '79340', '79176', 'Ménigoute', '79', 'Deux-Sèvres', '75', 'Nouvelle-Aquitaine', 'rural',
   'published', null, '2018-04-29 09:16:00+02', '2018-04-29 09:16:00+02', 'seed-author-0032-demo', '2018-04-28 17:20:00+02'),

  -- 033 travail-et-emploi / rompre-l-isolement, published
  ('00000000-0000-4000-8000-000000000033', '00000000-0000-4000-9000-000000000033', 'travail-et-emploi', 'rompre-l-isolement', null, null,
   'Je complète ma première contribution sur un autre point : l''isolement. Quand je télétravaillais seule chez moi, je pouvais passer une journée entière sans parler à personne en dehors des visioconférences. Au coworking, les pauses et les déjeuners ont changé mon moral, et c''est aussi là que j''ai trouvé du soutien au moment d''un changement de poste. Pour les salariés à distance, c''est une vraie question de santé au travail, que les employeurs sous-estiment.',
   'Margot en Creuse', 'salarie', '23500', '23079', 'Felletin', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'rural',
   'published', null, '2018-05-08 16:36:00+02', '2018-05-08 16:36:00+02', 'seed-author-0003-demo', '2018-05-08 13:45:00+02'),

  -- 034 travail-et-emploi / rompre-l-isolement, published
  ('00000000-0000-4000-8000-000000000034', '00000000-0000-4000-9000-000000000034', 'travail-et-emploi', 'rompre-l-isolement', null, null,
   'Oui, à condition que le lieu ne soit pas qu''une salle avec des bureaux. L''isolement des indépendants, ce n''est pas seulement l''absence de collègues : c''est aussi l''absence de quelqu''un avec qui parler d''un devis difficile, d''un client qui ne paie pas ou d''un doute sur son activité. Les ateliers entre pairs que notre espace organise une fois par mois comptent pour moi autant que le bureau lui-même.',
   'Freelance en vallée', 'entrepreneur', '09200', '09261', 'Saint-Girons', '09', 'Ariège', '76', 'Occitanie', 'small-town',
   'published', null, '2018-05-18 12:08:00+02', '2018-05-18 12:08:00+02', 'seed-author-0034-demo', '2018-05-18 08:40:00+02'),

  -- 035 travail-et-emploi / apprendre-et-se-former, published
  ('00000000-0000-4000-8000-000000000035', '00000000-0000-4000-9000-000000000035', 'travail-et-emploi', 'apprendre-et-se-former', null, null,
   'Un fablab est un formidable lieu d''apprentissage pour des publics qui ne se reconnaissent pas dans la formation classique. Chez nous, des jeunes sortis du système scolaire ont appris la modélisation 3D en réparant des pièces d''électroménager, et deux d''entre eux ont repris une formation qualifiante. Il faudrait que ces apprentissages puissent être reconnus, par exemple par des certifications courtes, et que les organismes de formation viennent donner leurs cours dans les tiers-lieux.',
   'Fabmanager', 'fondateur', '88100', '88413', 'Saint-Dié-des-Vosges', '88', 'Vosges', '44', 'Grand Est', 'small-town',
   'published', null, '2018-05-02 15:15:00+02', '2018-05-02 15:15:00+02', 'seed-author-0035-demo', '2018-05-02 11:10:00+02'),

  -- 036 travail-et-emploi / activite-et-emploi-local, published
  ('00000000-0000-4000-8000-000000000036', '00000000-0000-4000-9000-000000000036', 'travail-et-emploi', 'activite-et-emploi-local', null, null,
   'Dans notre intercommunalité, l''espace de travail partagé a permis à plusieurs salariés d''entreprises lointaines de rester vivre ici en télétravail, et à de jeunes créateurs de tester leur activité avant de louer un local. Ce sont des emplois que nous aurions perdus. Le lieu est aussi devenu un endroit où les entreprises locales viennent recruter, par le bouche-à-oreille plus que par les annonces.',
   'Élu intercommunal', 'collectivite', '53100', '53147', 'Mayenne', '53', 'Mayenne', '52', 'Pays de la Loire', 'small-town',
   'published', null, '2018-05-23 12:48:00+02', '2018-05-23 12:48:00+02', 'seed-author-0036-demo', '2018-05-22 15:00:00+02'),

  -- 037 travail-et-emploi / activite-et-emploi-local, pending
  ('00000000-0000-4000-8000-000000000037', '00000000-0000-4000-9000-000000000037', 'travail-et-emploi', 'activite-et-emploi-local', null, null,
   'Sur une petite île, chaque emploi compte et la double insularité rend tout plus cher : le matériel, les déplacements, les formations. Un tiers-lieu permettrait aux artisans de partager des machines, de vendre en ligne ensemble et d''accueillir des travailleurs à distance venus de Grande-Terre, de Basse-Terre ou de l''Hexagone. Nous avons les compétences ; il nous manque un lieu et un peu d''accompagnement au démarrage.',
   'Artisane connectée', 'entrepreneur', '97112', '97112', 'Grand-Bourg', '971', 'Guadeloupe', '01', 'Guadeloupe', 'small-town',
   'pending', null, null, null, 'seed-author-0037-demo', '2018-06-14 10:20:00+02'),

  -- 038 numerique-et-inclusion / connexion-internet, published
  ('00000000-0000-4000-8000-000000000038', '00000000-0000-4000-9000-000000000038', 'numerique-et-inclusion', 'connexion-internet', null, null,
   'C''est le frein numéro un. À la maison, j''ai à peine deux mégabits par seconde en ADSL, ce qui suffit pour des courriels mais pas pour une visioconférence avec mon équipe, et la 4G passe mal au fond de la vallée. Un tiers-lieu raccordé à une liaison professionnelle serait pour moi la seule façon de continuer à télétravailler en attendant la fibre, annoncée pour dans plusieurs années.',
   'Télétravailleur des monts', 'salarie', '29690', '29081', 'Huelgoat', '29', 'Finistère', '53', 'Bretagne', 'rural',
   'published', null, '2018-04-15 10:34:00+02', '2018-04-15 10:34:00+02', 'seed-author-0038-demo', '2018-04-14 20:05:00+02'),

  -- 039 numerique-et-inclusion / connexion-internet, published
  ('00000000-0000-4000-8000-000000000039', '00000000-0000-4000-9000-000000000039', 'numerique-et-inclusion', 'connexion-internet', null, null,
   'La situation est très inégale : correcte près du centre, elle se dégrade dès qu''on monte vers les hameaux, à quelques kilomètres seulement. Un tiers-lieu bien raccordé pourrait devenir un atout pour attirer des travailleurs à distance hors saison, quand les logements sont libres. Il faudrait que les opérateurs et les collectivités traitent ces lieux comme des points de raccordement prioritaires.',
   'Ingénieure réseaux', 'salarie', '20137', '2A247', 'Porto-Vecchio', '2A', 'Corse-du-Sud', '94', 'Corse', 'small-town',
   'published', null, '2018-05-11 11:27:00+02', '2018-05-11 11:27:00+02', 'seed-author-0039-demo', '2018-05-10 18:30:00+02'),

  -- 040 numerique-et-inclusion / inclusion-numerique, published
  ('00000000-0000-4000-8000-000000000040', '00000000-0000-4000-9000-000000000040', 'numerique-et-inclusion', 'inclusion-numerique', null, null,
   'Depuis que de nombreuses démarches se font uniquement en ligne, nous recevons chaque semaine des personnes âgées, des demandeurs d''emploi ou des agriculteurs qui ne savent pas par où commencer. L''accompagnement demande du temps et de la patience : on ne fait pas à la place des gens, on fait avec eux, plusieurs fois s''il le faut. Un tiers-lieu est un bon cadre parce qu''on y vient aussi pour autre chose, sans l''étiquette « cours pour débutants » qui fait peur.',
   'Médiatrice numérique', 'association', '23000', '23096', 'Guéret', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'small-town',
   'published', null, '2018-04-29 13:40:00+02', '2018-04-29 13:40:00+02', 'seed-author-0040-demo', '2018-04-29 10:30:00+02'),

  -- 041 numerique-et-inclusion / inclusion-numerique, pending
  ('00000000-0000-4000-8000-000000000041', '00000000-0000-4000-9000-000000000041', 'numerique-et-inclusion', 'inclusion-numerique', null, null,
   'Ici, beaucoup de familles ont un téléphone mais pas d''ordinateur, et les démarches administratives en ligne deviennent un parcours du combattant. Il faudrait des lieux où l''on puisse être accompagné dans plusieurs langues, pas seulement en français, avec des horaires adaptés aux familles. Les jeunes à l''aise avec le numérique pourraient y être formés pour aider les autres, ce qui leur donnerait aussi une première expérience.',
   'Volontaire en service civique', 'autre', '97320', '97311', 'Saint-Laurent-du-Maroni', '973', 'Guyane', '03', 'Guyane', 'medium-town',
   'pending', null, null, null, 'seed-author-0041-demo', '2018-06-08 16:45:00+02'),

  -- 042 numerique-et-inclusion / services-au-public, published
  ('00000000-0000-4000-8000-000000000042', '00000000-0000-4000-9000-000000000042', 'numerique-et-inclusion', 'services-au-public', null, null,
   'Une permanence de la caisse d''allocations familiales, de la mission locale ou d''une maison de services au public trouverait facilement sa place dans un tiers-lieu rural. Pour les habitants, c''est un déplacement de moins jusqu''à la sous-préfecture ; pour le lieu, c''est du passage et un loyer. Il suffit d''un bureau fermé pour la confidentialité et d''une connexion sécurisée.',
   'Secrétaire de mairie', 'collectivite', '80150', '80222', 'Crécy-en-Ponthieu', '80', 'Somme', '32', 'Hauts-de-France', 'rural',
   'published', null, '2018-06-15 16:14:00+02', '2018-06-15 16:14:00+02', 'seed-author-0042-demo', '2018-06-15 11:50:00+02');

-- Replies: same theme and question as their parent, sent after it was published.
insert into public.contributions (
  id, idempotency_key, theme_id, question_id, parent_id, stance,
  body,
  pseudonym, profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  status, moderation_reason, moderated_at, published_at, author_hash, created_at
) values
  -- 043 reply to 001 (for), published
  ('00000000-0000-4000-8000-000000000043', '00000000-0000-4000-9000-000000000043', 'comprendre-les-tiers-lieux', 'definir-un-tiers-lieu', '00000000-0000-4000-8000-000000000001', 'for',
   'Tout à fait d''accord : c''est la personne qui accueille qui fait le lieu. Sans elle, on retombe vite dans la simple location de bureaux.',
   'Gaby des Coëvrons', 'habitant', '53270', '53255', 'Sainte-Suzanne-et-Chammes', '53', 'Mayenne', '52', 'Pays de la Loire', 'rural',
   'published', null, '2018-04-16 11:21:00+02', '2018-04-16 11:21:00+02', 'seed-author-0043-demo', '2018-04-16 08:20:00+02'),

  -- 044 reply to 008 (for), published
  ('00000000-0000-4000-8000-000000000044', '00000000-0000-4000-9000-000000000044', 'ancrage-territorial', 'conditions-de-reussite', '00000000-0000-4000-8000-000000000008', 'for',
   'Même constat chez nous. Nous avons obtenu que la commune finance la moitié du poste d''animation pendant deux ans, et c''est ce qui a tout débloqué.',
   'Cofondateur bocain', 'fondateur', '14500', '14762', 'Vire Normandie', '14', 'Calvados', '28', 'Normandie', 'small-town',
   'published', null, '2018-04-18 16:18:00+02', '2018-04-18 16:18:00+02', 'seed-author-0044-demo', '2018-04-18 12:40:00+02'),

  -- 045 reply to 009 (against), published
  ('00000000-0000-4000-8000-000000000045', '00000000-0000-4000-9000-000000000045', 'ancrage-territorial', 'conditions-de-reussite', '00000000-0000-4000-8000-000000000009', 'against',
   'Je ne suis pas sûr qu''il faille toujours adosser le lieu à un café ou à une épicerie : ce sont des métiers très différents, qui peuvent épuiser une petite équipe. Un partenariat avec un commerce déjà installé dans le bourg serait peut-être plus simple.',
   'Coworker rennais', 'usager', '35000', '35238', 'Rennes', '35', 'Ille-et-Vilaine', '53', 'Bretagne', 'metropolis',
   'published', null, '2018-04-25 12:45:00+02', '2018-04-25 12:45:00+02', 'seed-author-0045-demo', '2018-04-24 21:30:00+02'),

  -- 046 reply to 016 (question), published
  ('00000000-0000-4000-8000-000000000046', '00000000-0000-4000-9000-000000000046', 'modeles-economiques', 'ressources-durables', '00000000-0000-4000-8000-000000000016', 'question',
   'Comment avez-vous fixé le prix de vos prestations d''animation pour la communauté de communes ? Nous préparons une convention du même type et nous manquons de points de comparaison.',
   'Projet en Corrèze', 'porteur-de-projet', '19000', '19272', 'Tulle', '19', 'Corrèze', '75', 'Nouvelle-Aquitaine', 'small-town',
   'published', null, '2018-04-24 09:38:00+02', '2018-04-24 09:38:00+02', 'seed-author-0046-demo', '2018-04-23 14:10:00+02'),

  -- 047 reply to 024 (for), published
  ('00000000-0000-4000-8000-000000000047', '00000000-0000-4000-9000-000000000047', 'role-des-pouvoirs-publics', 'attentes-envers-l-etat', '00000000-0000-4000-8000-000000000024', 'for',
   'Le très haut débit d''abord, oui. Dans notre hameau, on monte encore au bout du chemin pour téléphoner.',
   'Habitant du plateau', 'habitant', '19290', '19164', 'Peyrelevade', '19', 'Corrèze', '75', 'Nouvelle-Aquitaine', 'rural',
   'published', null, '2018-04-21 10:31:00+02', '2018-04-21 10:31:00+02', 'seed-author-0047-demo', '2018-04-20 19:15:00+02'),

  -- 048 reply to 026 (against), published
  ('00000000-0000-4000-8000-000000000048', '00000000-0000-4000-9000-000000000048', 'role-des-pouvoirs-publics', 'usages-publics', '00000000-0000-4000-8000-000000000026', 'against',
   'Attention à ne pas en faire une obligation : certains collègues n''ont aucun tiers-lieu à moins de trente minutes, et d''autres préfèrent travailler chez eux. Il faut que cela reste un choix, avec un cadre clair sur la prise en charge des frais.',
   'Agente brestoise', 'salarie', '29200', '29019', 'Brest', '29', 'Finistère', '53', 'Bretagne', 'metropolis',
   'published', null, '2018-05-05 11:24:00+02', '2018-05-05 11:24:00+02', 'seed-author-0048-demo', '2018-05-04 18:50:00+02'),

  -- 049 reply to 027 (question), published
  ('00000000-0000-4000-8000-000000000049', '00000000-0000-4000-9000-000000000049', 'role-des-pouvoirs-publics', 'usages-publics', '00000000-0000-4000-8000-000000000027', 'question',
   'Qu''entendez-vous par guichet de plein exercice ? Une permanence hebdomadaire bien organisée ne rend-elle pas déjà service à des habitants qui n''ont aucun guichet aujourd''hui ?',
   'Collectif de quartier', 'association', '93200', '93066', 'Saint-Denis', '93', 'Seine-Saint-Denis', '11', 'Île-de-France', 'metropolis',
   'published', null, '2018-05-15 11:13:00+02', '2018-05-15 11:13:00+02', 'seed-author-0049-demo', '2018-05-15 08:30:00+02'),

  -- 050 reply to 038 (for), published
  ('00000000-0000-4000-8000-000000000050', '00000000-0000-4000-9000-000000000050', 'numerique-et-inclusion', 'connexion-internet', '00000000-0000-4000-8000-000000000038', 'for',
   'Même situation ici. J''ai fini par louer un bureau en ville, à quarante minutes de route, faute de connexion correcte à la maison.',
   'Artisan du Cantal', 'entrepreneur', '15300', '15138', 'Murat', '15', 'Cantal', '84', 'Auvergne-Rhône-Alpes', 'rural',
   'published', null, '2018-04-18 11:05:00+02', '2018-04-18 11:05:00+02', 'seed-author-0050-demo', '2018-04-18 07:45:00+02'),

  -- 051 reply to 040 (for), pending
  ('00000000-0000-4000-8000-000000000051', '00000000-0000-4000-9000-000000000051', 'numerique-et-inclusion', 'inclusion-numerique', '00000000-0000-4000-8000-000000000040', 'for',
   'Nous faisons le même constat. L''accompagnement au numérique fonctionne quand il a lieu dans un endroit où l''on vient aussi pour d''autres raisons, et pas seulement pour apprendre.',
   'Agent territorial du Sud', 'collectivite', '97410', '97416', 'Saint-Pierre', '974', 'La Réunion', '04', 'La Réunion', 'medium-town',
   'pending', null, null, null, 'seed-author-0051-demo', '2018-06-12 09:00:00+02'),

  -- 052 reply to 020 (question), pending
  ('00000000-0000-4000-8000-000000000052', '00000000-0000-4000-9000-000000000052', 'modeles-economiques', 'mutualiser', '00000000-0000-4000-8000-000000000020', 'question',
   'Nous préparons un réseau du même type avec trois autres lieux. Comment avez-vous réparti entre vous le coût du logiciel de réservation : au prorata des postes, ou à parts égales ?',
   'Tiers-lieu en projet', 'fondateur', '20200', '2B033', 'Bastia', '2B', 'Haute-Corse', '94', 'Corse', 'medium-town',
   'pending', null, null, null, 'seed-author-0052-demo', '2018-06-14 18:25:00+02');

-- Initiatives ---------------------------------------------------------------

insert into public.initiatives (
  id, idempotency_key, name, kind,
  description,
  url, opening_year, pseudonym, profile,
  postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  status, moderation_reason, moderated_at, published_at, author_hash, created_at
) values
  -- 101 tiers-lieu, published
  ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-9000-000000000101', 'Tiers-lieu de l''ancienne école', 'tiers-lieu',
   'Une ancienne école rénovée avec les habitants : six postes de coworking, une salle de réunion, une bibliothèque d''outils et un café associatif ouvert le samedi. Des permanences d''aide aux démarches en ligne ont lieu chaque mardi matin.',
   'https://ancienne-ecole.example.org/', 2016, 'Amis de l''école', 'association',
   '82140', '82155', 'Saint-Antonin-Noble-Val', '82', 'Tarn-et-Garonne', '76', 'Occitanie', 'rural',
   'published', null, '2018-04-16 13:07:00+02', '2018-04-16 13:07:00+02', 'seed-author-0101-demo', '2018-04-16 10:20:00+02'),

  -- 102 coworking, published
  ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-9000-000000000102', 'Espace de travail partagé de la halle', 'coworking',
   'Un plateau de 120 m² au-dessus d''une ancienne halle, avec douze postes en accès libre ou réservés, deux bureaux fermés et une cabine pour les appels. Ouvert du lundi au vendredi, accessible le week-end aux abonnés.',
   null, 2015, 'Coworkeuse berrichonne', 'entrepreneur',
   '36100', '36088', 'Issoudun', '36', 'Indre', '24', 'Centre-Val de Loire', 'small-town',
   'published', null, '2018-04-20 11:06:00+02', '2018-04-20 11:06:00+02', 'seed-author-0102-demo', '2018-04-19 15:35:00+02'),

  -- 103 fablab, published
  ('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-9000-000000000103', 'Fablab de la vallée', 'fablab',
   'Imprimantes 3D, découpeuse laser, fraiseuse numérique et atelier d''électronique, ouverts au public deux soirs par semaine et le samedi. Des ateliers d''initiation sont proposés aux scolaires et aux demandeurs d''emploi.',
   'https://fablab-vallee.example.org/', 2014, 'Fabmanageur morvandiau', 'fondateur',
   '71400', '71014', 'Autun', '71', 'Saône-et-Loire', '27', 'Bourgogne-Franche-Comté', 'small-town',
   'published', null, '2018-04-21 13:51:00+02', '2018-04-21 13:51:00+02', 'seed-author-0103-demo', '2018-04-21 09:50:00+02'),

  -- 104 makerspace, published
  ('00000000-0000-4000-8000-000000000104', '00000000-0000-4000-9000-000000000104', 'Atelier partagé du plateau', 'makerspace',
   'Un atelier bois et métal installé dans une ancienne grange, avec des machines mises en commun par des artisans et des habitants. Les adhérents y réparent, fabriquent et transmettent leurs savoir-faire lors de soirées ouvertes à tous.',
   null, 2017, 'Menuisière du plateau', 'association',
   '23340', '23077', 'Faux-la-Montagne', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'rural',
   'published', null, '2018-04-27 12:52:00+02', '2018-04-27 12:52:00+02', 'seed-author-0104-demo', '2018-04-26 20:10:00+02'),

  -- 105 espace-numerique, published
  ('00000000-0000-4000-8000-000000000105', '00000000-0000-4000-9000-000000000105', 'Espace public numérique de la médiathèque', 'espace-numerique',
   'Huit ordinateurs en accès libre, une imprimante et un scanner, avec un animateur présent chaque après-midi. Ateliers d''initiation pour les seniors, aide aux démarches en ligne et prêt de tablettes.',
   null, 2008, 'Service culture', 'collectivite',
   '12100', '12145', 'Millau', '12', 'Aveyron', '76', 'Occitanie', 'medium-town',
   'published', null, '2018-05-02 14:15:00+02', '2018-05-02 14:15:00+02', 'seed-author-0105-demo', '2018-05-02 11:00:00+02'),

  -- 106 coworking, published
  ('00000000-0000-4000-8000-000000000106', '00000000-0000-4000-9000-000000000106', 'Coworking de la gare', 'coworking',
   'Un espace de coworking à deux minutes à pied des quais, pensé pour les navetteurs et les indépendants : dix postes, une salle de réunion et une cuisine partagée. Formules à la journée, à la semaine ou au mois.',
   'https://coworking-gare.example.org/', 2017, 'Cofondateur bocain', 'fondateur',
   '14500', '14762', 'Vire Normandie', '14', 'Calvados', '28', 'Normandie', 'small-town',
   'published', null, '2018-05-03 12:37:00+02', '2018-05-03 12:37:00+02', 'seed-author-0044-demo', '2018-05-03 08:45:00+02'),

  -- 107 tiers-lieu, published
  ('00000000-0000-4000-8000-000000000107', '00000000-0000-4000-9000-000000000107', 'La Maison commune du canton', 'tiers-lieu',
   'Un lieu associatif qui réunit un espace de coworking, une salle pour les associations, une cuisine partagée et une ressourcerie. Des producteurs des environs y tiennent une épicerie deux fois par semaine.',
   null, 2012, 'Maison commune', 'association',
   '11390', '11115', 'Cuxac-Cabardès', '11', 'Aude', '76', 'Occitanie', 'rural',
   'published', null, '2018-05-12 11:31:00+02', '2018-05-12 11:31:00+02', 'seed-author-0107-demo', '2018-05-11 17:30:00+02'),

  -- 108 tiers-lieu, published
  ('00000000-0000-4000-8000-000000000108', '00000000-0000-4000-9000-000000000108', 'Tiers-lieu de la place', 'tiers-lieu',
   'Ouvert au printemps 2018 dans un ancien commerce du centre, ce lieu propose quelques postes de travail, une salle de formation et un programme d''ateliers pour les habitants et les saisonniers. L''équipe cherche des partenaires pour ouvrir un petit atelier numérique.',
   null, 2018, 'Équipe de la place', 'porteur-de-projet',
   '20100', '2A272', 'Sartène', '2A', 'Corse-du-Sud', '94', 'Corse', 'small-town',
   'published', null, '2018-05-17 15:11:00+02', '2018-05-17 15:11:00+02', 'seed-author-0108-demo', '2018-05-17 12:05:00+02'),

  -- 109 espace-numerique, published
  ('00000000-0000-4000-8000-000000000109', '00000000-0000-4000-9000-000000000109', 'Espace numérique de quartier', 'espace-numerique',
   'Un espace numérique associatif installé dans une ancienne case créole : accès à internet, accompagnement aux démarches administratives, ateliers pour les jeunes et les familles le mercredi et le samedi.',
   'https://espace-numerique-quartier.example.org/', 2013, 'Case numérique', 'association',
   '97413', '97424', 'Cilaos', '974', 'La Réunion', '04', 'La Réunion', 'small-town',
   'published', null, '2018-05-25 09:17:00+02', '2018-05-25 09:17:00+02', 'seed-author-0109-demo', '2018-05-24 14:40:00+02'),

  -- 110 makerspace, pending
  ('00000000-0000-4000-8000-000000000110', '00000000-0000-4000-9000-000000000110', 'Atelier de fabrication des Coteaux', 'makerspace',
   'Un atelier de fabrication ouvert aux élèves pendant la semaine et aux habitants deux soirs par semaine : impression 3D, électronique, couture. Le projet est porté par des enseignants et une association de parents.',
   null, 2016, 'Prof de techno', 'autre',
   '42800', '42242', 'Saint-Joseph', '42', 'Loire', '84', 'Auvergne-Rhône-Alpes', 'metropolis',
   'pending', null, null, null, 'seed-author-0110-demo', '2018-06-06 21:15:00+02'),

  -- 111 autre, pending
  ('00000000-0000-4000-8000-000000000111', '00000000-0000-4000-9000-000000000111', 'Bureau itinérant du pays', 'autre',
   'Un véhicule aménagé en bureau et en point numérique qui circule chaque semaine entre cinq villages : connexion par satellite, deux postes de travail et un animateur pour l''aide aux démarches. Le projet cherche encore des communes partenaires.',
   'https://bureau-itinerant.example.org/', 2018, 'Bureau itinérant', 'association',
   '79500', '79174', 'Melle', '79', 'Deux-Sèvres', '75', 'Nouvelle-Aquitaine', 'small-town',
   'pending', null, null, null, 'seed-author-0111-demo', '2018-06-13 10:05:00+02'),

  -- 112 coworking, rejected
  ('00000000-0000-4000-8000-000000000112', '00000000-0000-4000-9000-000000000112', 'Coworking de la gare (Vire)', 'coworking',
   'Espace de coworking près de la gare, avec une dizaine de postes et une salle de réunion, très pratique pour les personnes qui prennent le train le matin.',
   null, 2017, 'Usager du train', 'usager',
   '14500', '14762', 'Vire Normandie', '14', 'Calvados', '28', 'Normandie', 'small-town',
   'rejected', 'Doublon : ce lieu est déjà présenté dans la fiche « Coworking de la gare », publiée le 3 mai 2018.', '2018-05-29 11:56:00+02', null, 'seed-author-0112-demo', '2018-05-28 19:20:00+02');

-- Reactions: supports and disagreements on published contributions, one per
-- voter and contribution, after publication.

insert into public.reactions (contribution_id, voter_hash, kind, created_at) values
  ('00000000-0000-4000-8000-000000000001', 'seed-voter-0001-demo', 'support', '2018-04-13 19:10:00+02'),
  ('00000000-0000-4000-8000-000000000001', 'seed-voter-0002-demo', 'support', '2018-04-13 22:39:00+02'),
  ('00000000-0000-4000-8000-000000000001', 'seed-voter-0003-demo', 'support', '2018-04-14 12:08:00+02'),
  ('00000000-0000-4000-8000-000000000001', 'seed-voter-0004-demo', 'support', '2018-04-14 15:37:00+02'),
  ('00000000-0000-4000-8000-000000000003', 'seed-voter-0005-demo', 'support', '2018-04-16 02:24:00+02'),
  ('00000000-0000-4000-8000-000000000003', 'seed-voter-0006-demo', 'support', '2018-04-16 04:53:00+02'),
  ('00000000-0000-4000-8000-000000000003', 'seed-voter-0007-demo', 'support', '2018-04-16 19:22:00+02'),
  ('00000000-0000-4000-8000-000000000008', 'seed-voter-0008-demo', 'support', '2018-04-14 15:20:00+02'),
  ('00000000-0000-4000-8000-000000000008', 'seed-voter-0009-demo', 'support', '2018-04-15 05:49:00+02'),
  ('00000000-0000-4000-8000-000000000008', 'seed-voter-0010-demo', 'support', '2018-04-15 08:18:00+02'),
  ('00000000-0000-4000-8000-000000000008', 'seed-voter-0011-demo', 'disagree', '2018-04-15 22:47:00+02'),
  ('00000000-0000-4000-8000-000000000009', 'seed-voter-0012-demo', 'support', '2018-04-20 00:46:00+02'),
  ('00000000-0000-4000-8000-000000000009', 'seed-voter-0013-demo', 'support', '2018-04-20 03:15:00+02'),
  ('00000000-0000-4000-8000-000000000009', 'seed-voter-0014-demo', 'disagree', '2018-04-20 17:44:00+02'),
  ('00000000-0000-4000-8000-000000000010', 'seed-voter-0015-demo', 'support', '2018-04-17 16:40:00+02'),
  ('00000000-0000-4000-8000-000000000010', 'seed-voter-0016-demo', 'support', '2018-04-18 06:09:00+02'),
  ('00000000-0000-4000-8000-000000000014', 'seed-voter-0017-demo', 'support', '2018-04-24 22:20:00+02'),
  ('00000000-0000-4000-8000-000000000014', 'seed-voter-0018-demo', 'support', '2018-04-25 00:49:00+02'),
  ('00000000-0000-4000-8000-000000000016', 'seed-voter-0019-demo', 'support', '2018-04-18 20:54:00+02'),
  ('00000000-0000-4000-8000-000000000016', 'seed-voter-0020-demo', 'support', '2018-04-19 10:23:00+02'),
  ('00000000-0000-4000-8000-000000000017', 'seed-voter-0021-demo', 'support', '2018-05-07 23:50:00+02'),
  ('00000000-0000-4000-8000-000000000017', 'seed-voter-0022-demo', 'disagree', '2018-05-08 02:19:00+02'),
  ('00000000-0000-4000-8000-000000000017', 'seed-voter-0023-demo', 'disagree', '2018-05-08 16:48:00+02'),
  ('00000000-0000-4000-8000-000000000018', 'seed-voter-0024-demo', 'support', '2018-04-22 21:27:00+02'),
  ('00000000-0000-4000-8000-000000000018', 'seed-voter-0001-demo', 'support', '2018-04-23 11:56:00+02'),
  ('00000000-0000-4000-8000-000000000020', 'seed-voter-0002-demo', 'support', '2018-04-26 22:45:00+02'),
  ('00000000-0000-4000-8000-000000000020', 'seed-voter-0003-demo', 'support', '2018-04-27 01:14:00+02'),
  ('00000000-0000-4000-8000-000000000020', 'seed-voter-0004-demo', 'support', '2018-04-27 15:43:00+02'),
  ('00000000-0000-4000-8000-000000000024', 'seed-voter-0005-demo', 'support', '2018-04-14 17:36:00+02'),
  ('00000000-0000-4000-8000-000000000024', 'seed-voter-0006-demo', 'support', '2018-04-15 07:05:00+02'),
  ('00000000-0000-4000-8000-000000000024', 'seed-voter-0007-demo', 'support', '2018-04-15 10:34:00+02'),
  ('00000000-0000-4000-8000-000000000024', 'seed-voter-0008-demo', 'support', '2018-04-16 00:03:00+02'),
  ('00000000-0000-4000-8000-000000000026', 'seed-voter-0009-demo', 'support', '2018-04-30 23:09:00+02'),
  ('00000000-0000-4000-8000-000000000026', 'seed-voter-0010-demo', 'support', '2018-05-01 02:38:00+02'),
  ('00000000-0000-4000-8000-000000000026', 'seed-voter-0011-demo', 'disagree', '2018-05-01 16:07:00+02'),
  ('00000000-0000-4000-8000-000000000027', 'seed-voter-0012-demo', 'support', '2018-05-13 17:30:00+02'),
  ('00000000-0000-4000-8000-000000000027', 'seed-voter-0013-demo', 'disagree', '2018-05-14 06:59:00+02'),
  ('00000000-0000-4000-8000-000000000027', 'seed-voter-0014-demo', 'disagree', '2018-05-14 10:28:00+02'),
  ('00000000-0000-4000-8000-000000000029', 'seed-voter-0015-demo', 'support', '2018-05-16 21:06:00+02'),
  ('00000000-0000-4000-8000-000000000029', 'seed-voter-0016-demo', 'support', '2018-05-17 11:35:00+02'),
  ('00000000-0000-4000-8000-000000000029', 'seed-voter-0017-demo', 'support', '2018-05-17 14:04:00+02'),
  ('00000000-0000-4000-8000-000000000030', 'seed-voter-0018-demo', 'support', '2018-05-21 15:00:00+02'),
  ('00000000-0000-4000-8000-000000000030', 'seed-voter-0019-demo', 'support', '2018-05-22 05:29:00+02'),
  ('00000000-0000-4000-8000-000000000033', 'seed-voter-0020-demo', 'support', '2018-05-08 18:57:00+02'),
  ('00000000-0000-4000-8000-000000000033', 'seed-voter-0021-demo', 'support', '2018-05-09 09:26:00+02'),
  ('00000000-0000-4000-8000-000000000038', 'seed-voter-0022-demo', 'support', '2018-04-15 15:20:00+02'),
  ('00000000-0000-4000-8000-000000000038', 'seed-voter-0023-demo', 'support', '2018-04-16 04:49:00+02'),
  ('00000000-0000-4000-8000-000000000038', 'seed-voter-0024-demo', 'support', '2018-04-16 08:18:00+02'),
  ('00000000-0000-4000-8000-000000000040', 'seed-voter-0001-demo', 'support', '2018-04-29 21:00:00+02'),
  ('00000000-0000-4000-8000-000000000040', 'seed-voter-0002-demo', 'support', '2018-04-30 11:29:00+02'),
  ('00000000-0000-4000-8000-000000000045', 'seed-voter-0003-demo', 'support', '2018-04-25 22:30:00+02'),
  ('00000000-0000-4000-8000-000000000045', 'seed-voter-0004-demo', 'disagree', '2018-04-26 00:59:00+02'),
  ('00000000-0000-4000-8000-000000000048', 'seed-voter-0005-demo', 'support', '2018-05-05 20:00:00+02');

-- Flags: one advertising report the team examined and dismissed, one still
-- to be examined.

insert into public.flags (id, contribution_id, voter_hash, reason, details, created_at) values
  ('00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000017', 'seed-voter-0101-demo', 'advertising', 'Cite des tarifs : on dirait une publicité.', '2018-05-08 09:25:00+02'),
  ('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000027', 'seed-voter-0102-demo', 'off-topic', 'Ne répond pas vraiment à la question posée.', '2018-05-14 21:05:00+02');

-- Moderation log ------------------------------------------------------------
-- Derived from the rows above so that it cannot disagree with them: every
-- contribution and initiative was 'submitted' by the citizen when it was
-- created, then 'published' or 'rejected' by the mission team at
-- moderated_at; every flag was logged as 'flagged' (as
-- public.flag_contribution() does), and the first one was 'retained' by the
-- team. Inserted in time order, so the identity follows the chronology.

insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
select subject_type, subject_id, action, actor, reason, at
from (
  select 'contribution' as subject_type, id as subject_id, 'submitted' as action, 'citizen' as actor,
         null::text as reason, created_at as at
  from public.contributions
  union all
  select 'contribution', id, status, 'equipe-mission', moderation_reason, moderated_at
  from public.contributions
  where status in ('published', 'rejected')
  union all
  select 'initiative', id, 'submitted', 'citizen', null, created_at
  from public.initiatives
  union all
  select 'initiative', id, status, 'equipe-mission', moderation_reason, moderated_at
  from public.initiatives
  where status in ('published', 'rejected')
  union all
  select 'contribution', contribution_id, 'flagged', 'citizen', reason, created_at
  from public.flags
  union all
  select 'contribution', contribution_id, 'retained', 'equipe-mission',
         'Signalement examiné : la contribution compare des tarifs sans promouvoir d''offre, elle reste publiée.',
         '2018-05-09 10:40:00+02'
  from public.flags
  where id = '00000000-0000-4000-8000-000000000201'
) as events
order by at, subject_id, action;

-- Closed questions -----------------------------------------------------------
-- Answers to the three closed questions of the content (principal-frein,
-- services-souhaites, utilite-pour-travailler), given by the authors of the
-- answers above, with their pseudonym, profile and commune, a few minutes
-- after their text: most authors answer each question, the figures lean
-- the way the texts do (the cost of the connection first, shared offices and
-- meeting rooms wanted, a place found useful). Ids 00000000-0000-4000-8000-
-- 000000000301 onwards, keys the same numbers under 00000000-0000-4000-9000-;
-- no « autre » text (it would never be shown anyway).

with authors as (
  select distinct on (author_hash) author_hash, pseudonym, profile, postal_code, commune_code, commune_name,
         departement_code, departement_name, region_code, region_name, territory_type, created_at,
         right(id::text, 3)::integer as n
  from public.contributions
  where parent_id is null
  order by author_hash, created_at
),
asked as (
  select a.*, q.rank, q.theme_id, q.question_id,
         row_number() over (order by q.rank, a.n) as number
  from authors a
  cross join (values
    (0, 'ancrage-territorial', 'principal-frein'),
    (1, 'comprendre-les-tiers-lieux', 'services-souhaites'),
    (2, 'travail-et-emploi', 'utilite-pour-travailler')
  ) as q (rank, theme_id, question_id)
  where a.n % (4 + q.rank) <> 1
)
insert into public.choice_answers (
  id, idempotency_key, theme_id, question_id, option_ids, scale_value,
  pseudonym, profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  author_hash, created_at
)
select
  ('00000000-0000-4000-8000-' || lpad((300 + number)::text, 12, '0'))::uuid,
  ('00000000-0000-4000-9000-' || lpad((300 + number)::text, 12, '0'))::uuid,
  theme_id, question_id,
  case question_id
    when 'principal-frein' then array[(array['cout-du-debit', 'cout-du-debit', 'cout-du-debit', 'manque-de-locaux',
      'financement', 'financement', 'animation', 'demande-trop-faible'])[1 + n % 8]]
    when 'services-souhaites' then array(
      select option_id
      from unnest(array['bureaux-partages', 'salles-de-reunion', 'atelier-fablab', 'formations', 'services-publics',
                        'cafe-convivial']) with ordinality as o (option_id, position)
      where position <= 2 and (n + position) % 4 <> 0 or (n * position) % 5 = 1
      order by position)
    else '{}'::text[]
  end,
  case when question_id = 'utilite-pour-travailler' then (array[2, 3, 4, 4, 5, 5, 3, 1])[1 + n % 8] end,
  pseudonym, profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  author_hash, created_at + make_interval(mins => 6 + 4 * rank)
from asked;

-- « Autre, précisez » texts --------------------------------------------------
-- Two more answers to principal-frein with the option « autre » and a text,
-- from two authors above under another pseudonym (ids 00000000-0000-4000-
-- 8000-000000000901 and 902): the first published by the mission team (it
-- shows under the question's chart on the theme page), the second still
-- pending (it shows nowhere but /moderation/).

insert into public.choice_answers (
  id, idempotency_key, theme_id, question_id, option_ids, other_text, other_status, other_moderated_at,
  pseudonym, profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  author_hash, created_at
)
select
  ('00000000-0000-4000-8000-' || lpad((900 + rank)::text, 12, '0'))::uuid,
  ('00000000-0000-4000-9000-' || lpad((900 + rank)::text, 12, '0'))::uuid,
  'ancrage-territorial', 'principal-frein', array['autre'],
  case rank when 1 then 'L''absence de transports en commun pour venir jusqu''au lieu'
            else 'Précision en attente de modération : ne doit apparaître nulle part' end,
  case rank when 1 then 'published' else 'pending' end,
  case rank when 1 then created_at + interval '1 day' end,
  case rank when 1 then 'Martine des Combrailles' else 'Anonyme en attente' end,
  profile, postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type,
  author_hash, created_at + interval '30 minutes'
from (
  select c.*, row_number() over (order by c.created_at, c.id) as rank
  from public.contributions c
  where c.parent_id is null
  order by c.created_at, c.id
  limit 2
) as first_authors;

insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at)
select 'choice_answer', id, 'published', 'equipe-mission', null, other_moderated_at
from public.choice_answers
where other_status = 'published';
