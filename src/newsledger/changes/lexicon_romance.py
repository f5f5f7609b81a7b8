"""Word lists of the Romance languages (French, Spanish, Italian, Portuguese) behind `lexicon`,
written as plain strings, as are the Germanic ones in `lexicon_germanic`.

Formats: words one space or line apart; `numbers` as word=digits (a word alone is a vague
quantity, "dozens"); `speech_verbs` as one line a meaning, "lemma: form form ..."; `hedges` as
phrases one line each; `same_words` and `same_names` as variant=canonical. Articles that are
also the numeral one (un, une, ein, een, uno, una, um, uma) are grammar, never figures.
"""

from __future__ import annotations

ROMANCE: dict[str, dict[str, str]] = {
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
        "same_names": "usa=us amérique=us",
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
        "same_names": "eeuu=us usa=us",
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
        "same_names": "usa=us america=us",
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
        "same_names": "eua=us",
        "same_words": "",
        "noun_markers": "",
    },
}
