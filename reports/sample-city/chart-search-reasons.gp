# search-reasons: Why searches were run: the stated reason
# Re-run in this folder with: gnuplot chart-search-reasons.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-search-reasons.svg'
set title "Why searches were run: the stated reason\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "per cent of searches"
set yrange [0:110]
set xrange [-0.6:4.6]
set ytics 0, 20, 100
set xtics rotate by 30 right
set bmargin 9
set style fill solid 0.85 border -1
set boxwidth 0.6
set xtics ("no reason given" 0, "case number only" 1, "vague" 2, "generic 'investigation'" 3, "substantive" 4)
plot 'chart-search-reasons.dat' using 0:($4 > 0 ? NaN : $2) with boxes lc rgb '#0072B2', \
     '' using 0:2:3 with labels offset 0,0.8 notitle
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-search-reasons.png'
replot
set output
