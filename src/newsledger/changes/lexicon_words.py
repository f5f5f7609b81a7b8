"""The word lists behind `lexicon`, one block a language (en, de, fr, es, nl, it, pt), written as
plain strings: how headlines and standfirsts in each language say who spoke, how many, when.

Formats: words one space or line apart; `numbers` as word=digits (a word alone is a vague
quantity, "dozens"); `speech_verbs` as one line a meaning, "lemma: form form ..."; `hedges` as
phrases one line each; `same_words` as variant=canonical. Articles that are also the numeral
one (un, une, ein, een, uno, una, um, uma) are grammar here, never figures.
"""

from __future__ import annotations

# Quantity words every language reads as figures in an English-language page too ("%").
LISTS: dict[str, dict[str, str]] = {
    "en": {
        "function": """
            a an the and or but if then so as at by for from in into of on onto to with
            without about after before over under than that this these those there here it
            its it's he she they we i you his her their our my your him them us who whom
            whose which what when where while why how is are was were be been being has have
            had do does did not no nor also however meanwhile yet still more most less least
            very just only some any all each every other another such own same mr mrs ms dr
            against amid among plus via despite during since until through within across
            around towards toward upon will would can could might must shall should
        """,
        "grammar": """
            a an the of to in on at for by with from into onto that and amid as its it is are
            was were be been has have had
        """,
        "auxiliaries": "is are was were be been being has have had",
        "numbers": """
            zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10
            eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17
            eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70
            eighty=80 ninety=90 hundred=100 thousand=1000 dozen=12
            hundreds thousands million millions billion billions trillion dozens score scores
        """,
        "soft": """
            first second third fourth fifth sixth seventh eighth ninth tenth half quarter
            several few many couple twice
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "half quarter period innings session",
        "calendar": """
            monday tuesday wednesday thursday friday saturday sunday january february march
            april may june july august september october november december jan feb mar apr jun
            jul aug sep sept oct nov dec today yesterday tomorrow tonight
        """,
        "verb_months": "march may",
        "speech_verbs": """
            say: say says said saying
            tell: tell tells told telling
            add: add adds added
            stated: stated
            claimed: claimed
            wrote: wrote writes
            posted: posted
            tweeted: tweeted
            announced: announced announces
            confirmed: confirmed confirms
            denied: denied denies
            insisted: insisted insists
            argued: argued argues
            warned: warned warns
            explained: explained
            reported: reported
            alleged: alleged
            according: according
            statement: statement
        """,
        "according": "according",
        # Reported, not asserted: who says it is left unnamed ("is said to", "reportedly").
        "hedges": """
            reportedly
            allegedly
            purportedly
            said to
            reported to
            alleged to
            claimed to
            understood to
        """,
        "roles": """
            spokesman spokeswoman spokesperson adviser advisor minister president chief
            secretary director chairman chairwoman governor mayor senator officer commissioner
            ambassador commander ceo leader manager judge prosecutor attorney lawyer councillor
            councilor deputy chancellor editor professor coach captain founder sheriff
            inspector superintendent detective sergeant constable king queen prince princess
            pope bishop lawmaker congressman congresswoman representative envoy diplomat
            treasurer mp mep pm boss official businessman businesswoman billionaire tycoon
            striker midfielder defender goalkeeper batter batsman bowler winner champion
        """,
        # Roles only beside a name ("Brentford forward", "Chinese premier"); alone they are
        # other words ("step forward", "Premier League", "general election", "head to").
        "attached_roles": "forward keeper general head executive chair vice premier",
        "labels": """
            live latest updates update text radio clips video watch listen follow reaction
            commentary as it happened highlights scores and in pictures photos
        """,
        "same_words": "ex=former vs=v versus=v",
        # Words after which a capitalised word is still an ordinary noun (German only).
        "noun_markers": "",
    },
    "de": {
        "attached_roles": "",
        "function": """
            der die das den dem des ein eine einer einem einen eines und oder aber doch wenn
            dann so als wie bei von vom zu zum zur in im an am auf aus mit nach vor über unter
            für gegen ohne um durch bis seit trotz während wegen zwischen ist sind war waren
            sein sei seien wird werden wurde wurden hat haben hatte hatten es er sie wir ich
            ihr ihm ihn ihre ihren ihrem sein seine seinen seinem dass daß nicht kein keine
            auch noch nur schon sehr mehr sich dies diese dieser dieses jetzt hier da wo was
            wer warum ins beim herr frau dr
        """,
        "grammar": """
            der die das den dem des ein eine einer einem einen eines und von vom zu zum zur in
            im an am auf aus mit bei für ist sind war waren wird werden wurde wurden hat haben
            hatte sich dass daß
        """,
        "auxiliaries": "ist sind war waren sei wird werden wurde wurden hat haben hatte hatten",
        "numbers": """
            null=0 eins=1 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10
            elf=11 zwölf=12 zwanzig=20 dreißig=30 vierzig=40 fünfzig=50 sechzig=60 siebzig=70
            achtzig=80 neunzig=90 hundert=100 tausend=1000 dutzend=12
            hunderte tausende million millionen milliarde milliarden dutzende
        """,
        "soft": """
            erste ersten erster erstes zweite zweiten zweiter dritte dritten dritter vierte
            fünfte halb halbe hälfte viertel einige mehrere viele wenige etliche zweimal
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "halbzeit hälfte viertel drittel",
        "calendar": """
            montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar
            jänner februar märz april mai juni juli august september oktober november dezember
            heute gestern morgen
        """,
        "verb_months": "",
        "speech_verbs": """
            say: sagt sagte sagten sagen gesagt
            explained: erklärt erklärte erklärten
            confirmed: bestätigt bestätigte
            denied: dementiert dementierte bestreitet bestritt
            warned: warnt warnte warnen
            reported: berichtet berichtete berichten
            claimed: behauptet behauptete
            wrote: schreibt schrieb
            announced: verkündet verkündete
            insisted: betont betonte
            according: laut zufolge
        """,
        "according": "laut",
        "hedges": """
            angeblich
            mutmaßlich
            mutmaßliche
            mutmaßlichen
            soll
            sollen
            berichten zufolge
        """,
        "roles": """
            sprecher sprecherin minister ministerin präsident präsidentin kanzler kanzlerin
            bundeskanzler bundeskanzlerin bürgermeister bürgermeisterin chef chefin vorsitzende
            vorsitzender trainer trainerin richter richterin staatsanwalt staatsanwältin
            botschafter botschafterin abgeordnete abgeordneter könig königin papst bischof
            direktor direktorin gouverneur senator senatorin kapitän regierungschef
            ministerpräsident ministerpräsidentin
        """,
        "labels": "live liveticker ticker liveblog newsblog video",
        "same_words": "",
        "noun_markers": """
            der die das den dem des ein eine einer einem einen eines kein keine keinen keinem
            keiner im am zum zur vom beim ins dieser diese dieses diesen diesem jeder jede jedes
            jeden jedem sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere
            alle viele mehrere einige neue neuen neuer neues
        """,
    },
    "fr": {
        "attached_roles": "",
        "function": """
            le la les l un une des du de d et ou mais si alors donc comme à au aux en dans sur
            sous par pour avec sans contre entre chez vers selon depuis pendant avant après est
            sont était étaient été être a ont avait avaient il elle ils elles on nous vous je
            se sa son ses leur leurs ce cet cette ces qui que qu quoi dont où ne pas plus
            aussi encore déjà très tout tous toute toutes y m mme
        """,
        "grammar": """
            le la les l un une des du de d et à au aux en dans sur par pour avec est sont
            était été a ont se qui que qu
        """,
        "auxiliaries": "est sont était étaient a ont avait avaient été",
        "numbers": """
            zéro=0 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11
            douze=12 vingt=20 trente=30 quarante=40 cinquante=50 soixante=60 cent=100 mille=1000
            douzaine=12 centaines milliers million millions milliard milliards dizaines
            douzaines
        """,
        "soft": """
            premier première deuxième second seconde troisième quatrième cinquième moitié
            quart plusieurs quelques nombreux nombreuses
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "mi période manche",
        "calendar": """
            lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai
            juin juillet août septembre octobre novembre décembre aujourd'hui hier demain
        """,
        "verb_months": "",
        "speech_verbs": """
            say: dit dire disent
            stated: déclare déclaré déclarent
            claimed: affirme affirmé affirment assure assuré
            announced: annonce annoncé
            confirmed: confirme confirmé
            denied: dément démenti nie nié
            explained: explique expliqué
            warned: prévient prévenu avertit averti
            wrote: écrit
            reported: rapporte rapporté
            insisted: souligne souligné insiste insisté
            according: selon
        """,
        "according": "selon",
        "hedges": """
            aurait
            auraient
            présumé
            présumée
            présumés
            supposément
            prétendument
        """,
        "roles": """
            porte-parole ministre président présidente chef cheffe maire sénateur sénatrice
            député députée directeur directrice gouverneur ambassadeur ambassadrice juge
            procureur procureure avocat avocate entraîneur capitaine roi reine pape évêque
            secrétaire
        """,
        "labels": "direct live vidéo en",
        "same_words": "",
        "noun_markers": "",
    },
    "es": {
        "attached_roles": "",
        "function": """
            el la los las lo un una unos unas y e o u pero si como a al de del en con por para
            sin sobre entre contra desde hasta tras según durante ante es son era fue fueron
            ha han había ser sido está están se su sus que quien quienes cual donde cuando no
            más muy ya también este esta estos estas ese esa le les nos
        """,
        "grammar": """
            el la los las lo un una unos unas y e de del a al en con por para es son fue ha han
            se que
        """,
        "auxiliaries": "es son era fue fueron ha han había está están sido",
        "numbers": """
            cero=0 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 once=11
            doce=12 veinte=20 treinta=30 cuarenta=40 cincuenta=50 sesenta=60 setenta=70
            ochenta=80 noventa=90 cien=100 ciento=100 mil=1000 docena=12 cientos miles millón
            millones decenas docenas centenares
        """,
        "soft": """
            primer primero primera segundo segunda tercer tercero tercera cuarto quinto mitad
            varios varias algunos algunas muchos muchas
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "tiempo parte periodo cuarto",
        "calendar": """
            lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo
            junio julio agosto septiembre setiembre octubre noviembre diciembre hoy ayer mañana
        """,
        "verb_months": "",
        "speech_verbs": """
            say: dice dijo dicen dijeron decir
            claimed: afirma afirmó asegura aseguró
            stated: declara declaró
            announced: anuncia anunció
            confirmed: confirma confirmó
            denied: niega negó
            explained: explica explicó
            warned: advierte advirtió alerta alertó
            wrote: escribe escribió
            reported: informa informó
            insisted: señala señaló insiste insistió
            according: según
        """,
        "according": "según",
        "hedges": """
            presuntamente
            supuestamente
            presunto
            presunta
            al parecer
        """,
        "roles": """
            portavoz ministro ministra presidente presidenta jefe jefa alcalde alcaldesa
            senador senadora diputado diputada director directora gobernador gobernadora
            embajador embajadora juez jueza fiscal abogado abogada entrenador técnico capitán
            rey reina obispo secretario secretaria
        """,
        "labels": "directo vivo en live minuto a",
        "same_words": "",
        "noun_markers": "",
    },
    "nl": {
        "attached_roles": "",
        "function": """
            de het een en of maar als dan dus zoals van in op aan met voor door bij naar uit
            over onder tegen zonder tussen na sinds tijdens om tot is zijn was waren wordt
            worden werd werden heeft hebben had hij zij ze wij we ik jij je hun haar zijn zich
            dat die dit deze wie wat waar wanneer niet geen ook nog al zeer meer er hier daar
            dhr mevr
        """,
        "grammar": """
            de het een en van in op aan met voor door bij naar is zijn was wordt worden werd
            heeft hebben had dat die er
        """,
        "auxiliaries": "is zijn was waren wordt worden werd werden heeft hebben had",
        "numbers": """
            nul=0 één=1 twee=2 drie=3 vier=4 vijf=5 zes=6 zeven=7 acht=8 negen=9 tien=10
            elf=11 twaalf=12 twintig=20 dertig=30 veertig=40 vijftig=50 zestig=60 zeventig=70
            tachtig=80 negentig=90 honderd=100 duizend=1000 dozijn=12 tientallen honderden
            duizenden miljoen miljoenen miljard miljarden
        """,
        "soft": """
            eerste tweede derde vierde vijfde half halve helft kwart enkele meerdere
            verscheidene veel weinig
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "helft kwart periode",
        "calendar": """
            maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart
            april mei juni juli augustus september oktober november december vandaag gisteren
            morgen
        """,
        "verb_months": "",
        "speech_verbs": """
            say: zegt zei zeggen zeiden gezegd
            stated: verklaart verklaarde stelt stelde
            reported: meldt meldde
            confirmed: bevestigt bevestigde
            denied: ontkent ontkende
            warned: waarschuwt waarschuwde
            wrote: schrijft schreef
            announced: kondigt kondigde
            according: volgens
        """,
        "according": "volgens",
        "hedges": """
            naar verluidt
            vermoedelijk
            vermoedelijke
            zou
            zouden
        """,
        "roles": """
            woordvoerder woordvoerster minister premier president burgemeester voorzitter
            directeur gouverneur ambassadeur rechter officier advocaat trainer coach
            aanvoerder koning koningin paus bisschop secretaris kamerlid wethouder
        """,
        "labels": "live liveblog video",
        "same_words": "",
        "noun_markers": "",
    },
    "it": {
        "attached_roles": "",
        "function": """
            il lo la i gli le l un uno una e ed o ma se come di del dello della dei degli
            delle a al allo alla ai agli alle da dal dalla dai in nel nello nella nei negli
            nelle con su sul sulla per tra fra contro senza dopo prima durante è sono era
            erano stato stata stati essere ha hanno aveva si suo sua suoi sue loro che chi cui
            dove quando non più anche già molto questo questa questi queste quel quella
        """,
        "grammar": """
            il lo la i gli le l un uno una e di del della dei degli delle a al alla da dal
            dalla in nel nella con su per è sono era ha hanno si che
        """,
        "auxiliaries": "è sono era erano ha hanno aveva stato stata stati",
        "numbers": """
            zero=0 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10
            undici=11 dodici=12 venti=20 trenta=30 quaranta=40 cinquanta=50 sessanta=60
            settanta=70 ottanta=80 novanta=90 cento=100 mille=1000 dozzina=12 decine centinaia
            migliaia milione milioni miliardo miliardi
        """,
        "soft": """
            primo seconda terzo terza quarto quinto metà diversi diverse alcuni alcune molti
            molte
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "tempo periodo quarto",
        "calendar": """
            lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo
            aprile maggio giugno luglio agosto settembre ottobre novembre dicembre oggi ieri
            domani
        """,
        "verb_months": "",
        "speech_verbs": """
            say: dice detto dicono dire
            claimed: afferma affermato
            stated: dichiara dichiarato
            announced: annuncia annunciato
            confirmed: conferma confermato
            denied: nega negato smentisce smentito
            explained: spiega spiegato
            warned: avverte avvertito
            wrote: scrive scritto
            reported: riferisce riferito
            insisted: sottolinea sottolineato
            according: secondo
        """,
        "according": "secondo",
        "hedges": """
            presumibilmente
            presunto
            presunta
            avrebbe
            avrebbero
            a quanto pare
        """,
        "roles": """
            portavoce ministro ministra presidente premier sindaco sindaca senatore senatrice
            deputato deputata direttore direttrice governatore ambasciatore giudice procuratore
            avvocato allenatore capitano re regina papa vescovo segretario
        """,
        "labels": "diretta live video",
        "same_words": "",
        "noun_markers": "",
    },
    "pt": {
        "attached_roles": "",
        "function": """
            o a os as um uma uns umas e ou mas se como de do da dos das em no na nos nas com
            por pelo pela pelos pelas para sem sobre entre contra desde até após durante é são
            era foi foram está estão ser sido tem têm seu sua seus suas que quem qual onde
            quando não mais muito já também este esta estes estas esse essa ao aos à às lhe
        """,
        "grammar": """
            o a os as um uma e de do da dos das em no na nos nas com por pelo pela para é são
            foi tem que ao à
        """,
        "auxiliaries": "é são era foi foram tem têm estava está estão sido",
        "numbers": """
            zero=0 dois=2 duas=2 três=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10
            onze=11 doze=12 vinte=20 trinta=30 quarenta=40 cinquenta=50 sessenta=60
            setenta=70 oitenta=80 noventa=90 cem=100 cento=100 mil=1000 dúzia=12 centenas
            milhares milhão milhões bilhão bilhões dezenas dúzias
        """,
        "soft": """
            primeiro primeira segundo segunda terceiro terceira quarto quinto metade vários
            várias alguns algumas muitos muitas
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "tempo período quarto",
        "calendar": """
            sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro
            outubro novembro dezembro hoje ontem amanhã segunda-feira terça-feira quarta-feira
            quinta-feira sexta-feira
        """,
        "verb_months": "",
        "speech_verbs": """
            say: diz disse dizem disseram dizer
            claimed: afirma afirmou
            stated: declara declarou
            announced: anuncia anunciou
            confirmed: confirma confirmou
            denied: nega negou
            explained: explica explicou
            warned: alerta alertou adverte advertiu
            wrote: escreve escreveu
            reported: informa informou
            insisted: ressalta ressaltou
            according: segundo conforme
        """,
        "according": "segundo conforme",
        "hedges": """
            supostamente
            alegadamente
            suposto
            suposta
            teria
            teriam
        """,
        "roles": """
            porta-voz ministro ministra presidente presidenta prefeito prefeita senador
            senadora deputado deputada diretor diretora governador governadora embaixador juiz
            juíza procurador advogado advogada treinador técnico capitão rei rainha papa bispo
            secretário secretária
        """,
        "labels": "ao vivo live vídeo em tempo real",
        "same_words": "",
        "noun_markers": "",
    },
}
